using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Portfolio.Api.Data;

namespace Portfolio.Api.Accounts;

internal static class AccountsSetup
{
    public static void AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccountsOptions>()
            .BindConfiguration(AccountsOptions.Section)
            .Validate(o => o.IsValid, "Accounts:TokenLifetime must be positive when set.")
            .Validate(o => o.LoginThrottle.IsValid, "Accounts:LoginThrottle limits and window must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddScoped<AccountStore>();
        builder.Services.AddScoped<UserEditor>();
        builder.Services.AddScoped<SignIn>();
        builder.Services.AddScoped<OwnPassword>();
        builder.Services.AddSingleton(new GenerationCache<string, TokenOwner>(capacity: 100_000));
        builder.Services.AddSingleton<UnknownTokenKeys>();
        builder.Services.AddSingleton<TokenUseRecorder>();

        // The framework logs every refused token at Information: a line each, which made a request
        // with a bad key cost more than one with a good key, and let anyone fill the log.
        builder.Logging.AddFilter(typeof(TokenAuthenticationHandler).FullName, LogLevel.Warning);
    }

    public static void AddTokenAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.PortfolioEmployer, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.IsAdmin()
                    || (context.User.IsStaff() && context.User.HoldsPermission(PermissionCodes.PortfolioEmployer))))
            .AddPolicy(Policies.Admin, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.IsAdmin()));
    }
}
