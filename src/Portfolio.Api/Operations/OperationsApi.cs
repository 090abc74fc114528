using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Portfolio.Api.Data;
using Portfolio.Api.Media.Storage;

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

    // Both checks at once, so a dead store costs its connect timeout once, not after the database's.
    // The database check is the one read every request makes, through the same pool: ready means
    // requests can be answered, which also needs the migrations applied (CanConnectAsync would
    // pass with an unmigrated database).
    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> Ready(
        IGenerationReader generation, IFileStore store, CancellationToken ct)
    {
        var database = DatabaseReadyAsync(generation, ct);
        var storage = store.IsReadyAsync(ct);
        var unreachable = new List<string>(2);
        if (!await database)
        {
            unreachable.Add("database");
        }

        if (!await storage)
        {
            unreachable.Add("storage");
        }

        if (unreachable.Count == 0)
        {
            return TypedResults.Ok(Ok);
        }

        return TypedResults.Json(new HealthResponse($"{string.Join(" and ", unreachable)} unreachable"), statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> DatabaseReadyAsync(IGenerationReader generation, CancellationToken ct)
    {
        try
        {
            await generation.ReadAsync(ct);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }
}
