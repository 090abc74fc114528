using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Portfolio.Api.Data;

namespace Portfolio.Api.Accounts;

internal static class AccountsSetup
{
    public static void AddAccounts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.AddScoped<AccountStore>();
        builder.Services.AddSingleton(new GenerationCache<string, TokenOwner>(capacity: 100_000));
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
