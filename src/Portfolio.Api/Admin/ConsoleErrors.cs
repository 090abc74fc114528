using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;

namespace Portfolio.Api.Admin;

// A console page that fails shows a page of the console, never a stack trace or the API's JSON:
// what went wrong in the reader's language and the request id, which the log line carries too.
internal static class ConsoleErrors
{
    public static void UseConsoleErrors(this IApplicationBuilder admin) => admin.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandler = WriteAsync,
        StatusCodeSelector = Status,
        // Logged below with the request id, once.
        SuppressDiagnosticsCallback = _ => true,
    });

    private static int Status(Exception e) => e switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        // A form whose multipart framing is broken.
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ when DbErrors.IsUnavailable(e) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static async Task WriteAsync(HttpContext http)
    {
        var error = http.Features.Get<IExceptionHandlerFeature>()!.Error;
        var status = Status(error);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleErrors));
        if (status == StatusCodes.Status500InternalServerError)
        {
            logger.LogError(error, "Console request {RequestId} failed: {Method} {Path}", http.TraceIdentifier, http.Request.Method, http.Request.Path);
        }
        else
        {
            logger.LogWarning("Console request {RequestId} refused with {Status}: {Method} {Path}: {Reason}",
                http.TraceIdentifier, status, http.Request.Method, http.Request.Path, error is BadHttpRequestException or InvalidDataException ? error.Message : DbErrors.Reason(error));
        }

        await WritePageAsync(http, status);
    }

    // A form posted without a valid antiforgery token (or whose framing broke its reading): a
    // console page rather than the framework's plain-text sentence.
    public static void UseConsoleFormChecks(this IApplicationBuilder admin) => admin.Use(async (http, next) =>
    {
        if (http.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } invalid
            && http.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleErrors))
                .LogWarning("Console request {RequestId} refused: {Method} {Path}: {Reason}", http.TraceIdentifier, http.Request.Method, http.Request.Path, invalid.Error?.Message);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await WritePageAsync(http, StatusCodes.Status400BadRequest);
            return;
        }

        await next(http);
    });

    // A console user on a page that is not for them (staff on a users page) is refused with 403 and
    // told so; one who has lost the console altogether is sent to sign in, which says why.
    public static async Task ForbidAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        var http = context.HttpContext;
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        if (!(await authorization.AuthorizeAsync(http.User, Policies.PortfolioEmployer)).Succeeded)
        {
            http.Response.Redirect(context.RedirectUri);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await WritePageAsync(http, StatusCodes.Status403Forbidden);
    }

    private static async Task WritePageAsync(HttpContext http, int status)
    {
        var text = http.RequestServices.GetRequiredService<IStringLocalizer<Text>>();
        var (title, explanation) = status switch
        {
            StatusCodes.Status403Forbidden => (text["ErrorForbidden"], text["ErrorForbiddenText"]),
            StatusCodes.Status413PayloadTooLarge => (text["ErrorTooLarge"], text["ErrorTooLargeText"]),
            StatusCodes.Status503ServiceUnavailable => (text["ErrorUnavailable"], text["ErrorUnavailableText"]),
            < 500 => (text["ErrorBadRequest"], text["ErrorBadRequestText"]),
            _ => (text["ErrorServer"], text["ErrorServerText"]),
        };
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        AdminSetup.ProtectResponse(http.Response);
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{culture.TwoLetterISOLanguageName}" dir="{(culture.TextInfo.IsRightToLeft ? "rtl" : "ltr")}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Encode(title)} · {Encode(text["Portfolio"])}</title><link rel="stylesheet" href="{AdminAuth.Path}/assets/console.css"></head>
            <body><main><section class="card narrow">
            <h1>{Encode(title)}</h1>
            <p>{Encode(explanation)}</p>
            <p>{Encode(text["RequestId"])} <code class="request-id">{Encode(http.TraceIdentifier)}</code></p>
            <p><a href="{AdminAuth.Path}">{Encode(text["Back"])}</a></p>
            </section></main></body></html>
            """, http.RequestAborted);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
