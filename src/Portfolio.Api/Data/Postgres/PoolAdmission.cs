using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portfolio.Api.Http;

namespace Portfolio.Api.Data.Postgres;

// On PostgreSQL, requests are let in no more at a time than the pool has connections (a request
// holds at most one, its AppDb's), and the others queue here, oldest first, for as long as their
// clients wait. Npgsql's own queue for a connection gives up after the connect timeout (3 s, see
// PostgresSetup) with a 503: under 256 connections of mixed traffic on a busy machine
// (bench/soak.sh), requests waited that long for a connection while those holding the pool's
// connections waited for the CPU, and about one request in three answered 503.
internal static class PoolAdmission
{
    // Beyond this many waiting, a request is refused at once rather than queued.
    private const int QueueLimit = 10_000;

    public const string RefusedDetail = "The service is overloaded; try again shortly.";

    public static void AddPoolAdmission(this IServiceCollection services, int poolSize)
    {
        var admission = new ConcurrencyLimiterOptions
        {
            PermitLimit = poolSize,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        services.AddRateLimiter(limits =>
        {
            limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => Bypasses(http.Request)
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetConcurrencyLimiter("pool", _ => admission));
            limits.OnRejected = (rejected, _) => new ValueTask(
                DrfErrors.WriteAsync(rejected.HttpContext, StatusCodes.Status503ServiceUnavailable, RefusedDetail));
        });
    }

    // Before the generation read, so that a request that queued reads the generation it is answered at.
    public static void UsePoolAdmission(this WebApplication app)
    {
        if (app.Services.GetService<NpgsqlPoolSize>() is not null)
        {
            app.UseRateLimiter();
        }
    }

    // The probes read nothing through the pool (/readyz's read has a connection of its own), and
    // must answer while requests queue. An upload spends most of its time reading its body and
    // decoding, with no connection: were it admitted here, 30 slow uploaders would hold every
    // place and shut out all other requests. Its short database work queues in Npgsql's pool.
    private static bool Bypasses(HttpRequest request) =>
        request.Path == "/healthz" || request.Path == "/readyz" || request.HasFormContentType;
}

internal sealed record NpgsqlPoolSize(int Connections);
