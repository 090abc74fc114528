using Microsoft.AspNetCore.Diagnostics;
using Portfolio.Api.Http;

namespace Portfolio.Api.Media.Storage;

// Runs inside the framework's exception handler, before its 500: an unreachable store is 503.
// The framework does not log what a handler takes, so the cause is logged here.
internal sealed class StorageUnavailableHandler(ILogger<StorageUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StorageUnavailableException)
        {
            return false;
        }

        logger.LogWarning(exception.InnerException, "{Method} {Path}: the file storage is unavailable", httpContext.Request.Method, httpContext.Request.Path);
        await DrfErrors.WriteAsync(httpContext, StatusCodes.Status503ServiceUnavailable, StorageUnavailableException.Detail);
        return true;
    }
}
