using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Portfolio.Api.Audit;

internal static class AuditSetup
{
    // What every host needs to write entries: the service, and each management command.
    public static void AddAudit(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<AuditTrail>();
        builder.Services.AddScoped<AuditMaintenance>();
        builder.Services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
    }

    // The service also prunes by itself when Audit:Retention is set.
    public static void AddAuditRetention(this IHostApplicationBuilder builder) =>
        builder.Services.AddHostedService<AuditRetention>();
}

internal sealed class AuditOptions
{
    public const string Section = "Audit";

    // Unset: entries are kept for ever. Set (365.00:00:00): every instance prunes older entries,
    // at start and then every Audit:RetentionInterval; they take turns on the chain's lock.
    [Range(typeof(TimeSpan), "01:00:00", "36500.00:00:00")]
    public TimeSpan? Retention { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(6);
}

internal sealed partial class AuditRetention(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetention> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Retention is not { } retention)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RetentionInterval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var before = clock.GetUtcNow().UtcDateTime - retention;
                if (await scope.ServiceProvider.GetRequiredService<AuditMaintenance>().PruneAsync(before, stoppingToken) is { } pruned)
                {
                    Pruned(logger, pruned.FirstId, pruned.LastId, before);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be down or not yet migrated; the next round tries again.
                logger.LogWarning(e, "Audit retention could not prune this time.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Audit retention removed entries {First} to {Last}, older than {Before:O}.")]
    private static partial void Pruned(ILogger logger, long first, long last, DateTime before);
}
