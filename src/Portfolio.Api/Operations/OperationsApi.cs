using System.Data.Common;
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
        app.MapGet("/readyz", Ready).WithTags("Operations").AllowAnonymous();
    }

    // The read that every request makes first: ready means requests can be answered, which also
    // needs the migrations applied. Merely connecting (CanConnectAsync) would pass with an
    // unmigrated database.
    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(IGenerationReader generation, CancellationToken ct)
    {
        try
        {
            await generation.ReadAsync(ct);
            return TypedResults.Ok(Ok);
        }
        catch (DbException)
        {
            return TypedResults.Json(new HealthResponse("database unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
