using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Portfolio.Api.Http;

// A scheme and host that make no URI are refused with 400, as Django refuses a bad Host: in
// X-Forwarded-Host the framework's forwarded-headers middleware throws on one (".a$b" fails its
// IDN mapping) before any error handler runs, and as the request's own (a port of 99999, a
// forwarded scheme of "--") Blazor throws on it when it makes a console page's base URI.
internal static class RequestUri
{
    public const string InvalidForwardedHost = "Invalid X-Forwarded-Host header.";
    public const string InvalidForwardedProto = "Invalid X-Forwarded-Proto header.";

    public static bool Makes(string scheme, string host)
    {
        if (!Uri.CheckSchemeName(scheme))
        {
            return false;
        }

        try
        {
            return Uri.TryCreate($"{scheme}://{new HostString(host).ToUriComponent()}/", UriKind.Absolute, out _);
        }
        catch (ArgumentException)
        {
            // IdnMapping's answer for a name that is no host name.
            return false;
        }
    }

    // Forwarded headers as HttpSetup configured them, each forwarded scheme and host checked
    // first; with no trusted proxy nothing is forwarded, so nothing is checked either.
    public static void UseCheckedForwardedHeaders(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        if (options.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto))
        {
            app.Use((context, next) =>
            {
                var headers = context.Request.Headers;
                if (Entries(headers[options.ForwardedHostHeaderName]).Any(host => !Makes("http", host)))
                {
                    return DrfErrors.WriteAsync(context, StatusCodes.Status400BadRequest, InvalidForwardedHost);
                }

                if (Entries(headers[options.ForwardedProtoHeaderName]).Any(scheme => !Uri.CheckSchemeName(scheme)))
                {
                    return DrfErrors.WriteAsync(context, StatusCodes.Status400BadRequest, InvalidForwardedProto);
                }

                return next(context);
            });
        }

        app.UseForwardedHeaders();
    }

    // One entry per proxy hop, as the middleware splits them.
    private static IEnumerable<string> Entries(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(value => (value ?? "").Split(',')).Select(entry => entry.Trim());
}
