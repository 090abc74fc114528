using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Portfolio.Api.Data;

namespace Portfolio.Api.Http;

// Every failure answers in Django REST Framework's shape: {"detail": "..."}.
internal static class DrfErrors
{
    public const string NotFoundDetail = "Not found.";
    public const string ServerErrorDetail = "A server error occurred.";
    public const string DatabaseUnavailableDetail = "The database is unavailable.";
    public const string DatabaseFullDetail = "The database is full.";

    private static readonly ErrorBody NotFoundBody = new(NotFoundDetail);

    public static NotFound<ErrorBody> NotFound() => TypedResults.NotFound(NotFoundBody);

    public static NotFound<ErrorBody> InvalidPage() => TypedResults.NotFound(new ErrorBody(Pagination.InvalidPage));

    public static JsonHttpResult<ErrorBody> Detail(int status, string detail) =>
        TypedResults.Json(new ErrorBody(detail), AppJsonContext.Web.ErrorBody, statusCode: status);

    // Validation failures: {"field": ["message", ...]}.
    public static BadRequest<ValidationErrors> Invalid(ValidationErrors errors) => TypedResults.BadRequest(errors);

    public static BadRequest<ValidationErrors> Field(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }

    // DRF's Throttled: the wait rounded up to whole seconds, in the body and in Retry-After.
    public static JsonHttpResult<ErrorBody> Throttled(HttpResponse response, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var unit = seconds == 1 ? "second" : "seconds";
        return Detail(StatusCodes.Status429TooManyRequests, $"Request was throttled. Expected available in {seconds} {unit}.");
    }

    public static Task WriteAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody(detail), AppJsonContext.Web.ErrorBody, context.RequestAborted);
    }

    // A database that cannot take the request now: unreachable (503) or out of disk space (507).
    // One warning line each, not a stack trace each: an outage fails every request at once.
    private static (int Status, string Detail)? DatabaseRefusal(Exception? e) =>
        DbErrors.IsUnavailable(e) ? (StatusCodes.Status503ServiceUnavailable, DatabaseUnavailableDetail)
        : DbErrors.IsFull(e) ? (StatusCodes.Status507InsufficientStorage, DatabaseFullDetail)
        : null;

    private static Task WriteErrorAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (DatabaseRefusal(error) is not var (status, detail))
        {
            return WriteAsync(context, StatusCodes.Status500InternalServerError, ServerErrorDetail);
        }

        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DrfErrors))
            .LogWarning("{Method} {Path}: {Detail} {Reason}", context.Request.Method, context.Request.Path, detail, DbErrors.Reason(error!));
        return WriteAsync(context, status, detail);
    }

    public static void UseDrfErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // The handler logs a fault with its stack trace; the client sees only the DRF body.
            ExceptionHandler = WriteErrorAsync,
            StatusCodeSelector = e => DatabaseRefusal(e)?.Status ?? StatusCodes.Status500InternalServerError,
            SuppressDiagnosticsCallback = c => DatabaseRefusal(c.Exception) is not null,
        });

        // Unknown routes and wrong methods end with an empty body from routing; give them DRF's.
        app.UseStatusCodePages(context =>
        {
            var http = context.HttpContext;
            return http.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => WriteAsync(http, StatusCodes.Status404NotFound, NotFoundDetail),
                StatusCodes.Status405MethodNotAllowed => WriteAsync(http, StatusCodes.Status405MethodNotAllowed, MethodFallbacks.MethodNotAllowed(http.Request.Method)),
                _ => Task.CompletedTask,
            };
        });
    }
}
