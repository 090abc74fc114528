using Microsoft.AspNetCore.Http.HttpResults;
using Portfolio.Api.Data;

namespace Portfolio.Api.Operations;

internal static class OperationsApi
{
    private static readonly HealthResponse Ok = new("ok");

    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        // No database, no authentication: the process is up. It is also the benchmark's ceiling.
        app.MapGet("/healthz", () => TypedResults.Ok(Ok)).WithTags("Operations").AllowAnonymous();
        app.MapGet("/readyz", Ready).WithTags("Operations").AllowAnonymous()
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(AppDb db, CancellationToken ct)
    {
        if (await db.Database.CanConnectAsync(ct))
        {
            return TypedResults.Ok(Ok);
        }

        return TypedResults.Json(new HealthResponse("database unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
