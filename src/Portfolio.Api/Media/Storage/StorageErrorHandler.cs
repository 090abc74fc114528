using Microsoft.AspNetCore.Diagnostics;
using Portfolio.Api.Http;

namespace Portfolio.Api.Media.Storage;

// Runs inside the framework's exception handler, before its 500: an unreachable store is 503, a
// full one 507. The framework does not log what a handler takes, so the cause is logged here.
internal sealed class StorageErrorHandler(ILogger<StorageErrorHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            StorageUnavailableException => (StatusCodes.Status503ServiceUnavailable, StorageUnavailableException.Detail),
            StorageFullException => (StatusCodes.Status507InsufficientStorage, StorageFullException.Detail),
            _ => (0, null),
        };
        if (detail is null)
        {
            return false;
        }

        logger.LogWarning(exception.InnerException, "{Method} {Path}: {Detail}", httpContext.Request.Method, httpContext.Request.Path, detail);
        await DrfErrors.WriteAsync(httpContext, status, detail);
        return true;
    }
}
