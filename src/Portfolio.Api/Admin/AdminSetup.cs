using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Portfolio.Api.Accounts;
using Portfolio.Api.Admin.Components;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Media;

namespace Portfolio.Api.Admin;

internal static class AdminAuth
{
    public const string Scheme = "Console";
    public const string Path = "/admin";
    public const string CookieName = "portfolio_console";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);
}

internal static class AdminSetup
{
    public static readonly CultureInfo[] Cultures = [new("fa"), new("en")];

    public static void AddAdmin(this IHostApplicationBuilder builder)
    {
        // The API speaks one language whatever the machine's locale; only the console's pages
        // take the reader's culture (ICU is on since the console needs Persian).
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

        builder.Services.AddRazorComponents();
        // Persian text as itself, not as &#x...; entities seven bytes a letter.
        builder.Services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        builder.Services.AddScoped<EmployerPages>();
        builder.Services.AddScoped<MediaPages>();
        builder.Services.AddScoped<HistoryPages>();
        builder.Services.AddScoped<UserPages>();
        builder.Services.AddLocalization();
        // Shared by every instance, so that a cookie or a form made by one is read by another.
        builder.Services.AddDataProtection().SetApplicationName("portfolio").PersistKeysToDbContext<AppDb>();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "portfolio_console_antiforgery";
            o.Cookie.Path = AdminAuth.Path;
        });
        builder.Services.AddAuthentication()
            .AddCookie(AdminAuth.Scheme, o =>
            {
                o.Cookie.Name = AdminAuth.CookieName;
                o.Cookie.Path = AdminAuth.Path;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = AdminAuth.Lifetime;
                o.SlidingExpiration = false;
                o.LoginPath = $"{AdminAuth.Path}/signin";
                o.AccessDeniedPath = $"{AdminAuth.Path}/signin";
                o.ReturnUrlParameter = "returnUrl";
                o.SessionStore = new ConsoleSessions(AdminAuth.Lifetime);
                var signInAgain = o.Events.OnRedirectToAccessDenied;
                o.Events.OnRedirectToAccessDenied = context => ConsoleErrors.ForbiddenAsync(context, signInAgain);
            });
    }

    public static void UseAdmin(this WebApplication app)
    {
        // The stylesheet, script and font, embedded in the assembly (Admin/Assets), served as
        // /admin/assets only: an API request costs no file lookup. Their names carry no version,
        // so browsers keep them a day rather than for ever.
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = $"{AdminAuth.Path}/assets",
            FileProvider = new EmbeddedFileProvider(typeof(AdminSetup).Assembly, $"{typeof(AdminSetup).Namespace}.Assets"),
            OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "public, max-age=86400",
        });
        var bodyLimit = UploadForm.BodyLimit(app.Services.GetRequiredService<IOptions<MediaOptions>>().Value);
        app.UseWhen(http => http.Request.Path.StartsWithSegments(AdminAuth.Path), admin =>
        {
            admin.UseRequestLocalization(o =>
            {
                o.SetDefaultCulture("fa");
                o.SupportedCultures = o.SupportedUICultures = Cultures;
                o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
            });
            admin.UseConsoleErrors();
            admin.Use((http, next) =>
            {
                ProtectResponse(http.Response);
                // Blazor makes the page's base URI of the host, and throws on one that is none.
                if (!RequestUri.Makes(http.Request.Scheme, http.Request.Host.Value ?? ""))
                {
                    throw new BadHttpRequestException($"\"{http.Request.Scheme}://{http.Request.Host}\" is no URI.");
                }

                // No console form is larger than an upload: a bigger body is refused as it arrives.
                if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                {
                    size.MaxRequestBodySize = bodyLimit;
                }

                return next(http);
            });
        });
        app.UseAntiforgery();
        app.UseWhen(http => http.Request.Path.StartsWithSegments(AdminAuth.Path), admin => admin.UseConsoleFormChecks());
    }

    // Also on an error page, whose handler starts the response afresh.
    public static void ProtectResponse(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data: blob: https: http:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
    }

    public static void MapAdmin(this WebApplication app)
    {
        app.MapRazorComponents<App>();
        // Signed in with the console's cookie, so that the form's antiforgery token (made for that
        // user) is checked against the same user.
        app.MapPost($"{AdminAuth.Path}/signout", (Delegate)SignOutAsync)
            .RequireAuthorization(new AuthorizeAttribute { AuthenticationSchemes = AdminAuth.Scheme })
            .WithMetadata(new RequireAntiforgeryTokenAttribute())
            .ExcludeFromDescription();
        app.MapGet($"{AdminAuth.Path}/language", ChooseLanguage).ExcludeFromDescription();
    }

    private static async Task<RedirectHttpResult> SignOutAsync(HttpContext http)
    {
        await http.SignOutAsync(AdminAuth.Scheme);
        return TypedResults.LocalRedirect($"{AdminAuth.Path}/signin");
    }

    // The language switch: remembered for a year, then back to the page it was chosen on.
    private static RedirectHttpResult ChooseLanguage(HttpContext http, string culture, string? returnUrl)
    {
        if (Cultures.Any(c => c.Name == culture))
        {
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Path = AdminAuth.Path, MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
        }

        return TypedResults.LocalRedirect(AdminUrls.SafeReturn(returnUrl));
    }
}

internal static class AdminUrls
{
    // Only a page of the console itself: never another host, scheme-relative or backslash trick.
    public static string SafeReturn(string? url) =>
        url is not null && url.StartsWith(AdminAuth.Path, StringComparison.Ordinal)
            && (url.Length == AdminAuth.Path.Length || url[AdminAuth.Path.Length] is '/' or '?')
            && !url.Contains('\\', StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal)
            ? url
            : AdminAuth.Path;
}
