using System.CommandLine;
using System.Globalization;
using Portfolio.Api.Audit;

namespace Portfolio.Api.Operations;

// verify-audit and prune-audit, registered in Cli beside the other commands.
internal static class AuditCommands
{
    public static Command VerifyAudit()
    {
        var command = new Command(
            "verify-audit",
            "Walks the audit trail's hash chain from its anchor to its head; exits non-zero at the first broken link. Keep the head it prints somewhere else to detect a rewrite of the whole chain.");
        command.SetAction((_, ct) => Cli.RunWithServicesAsync(async services =>
        {
            var verdict = await services.GetRequiredService<AuditMaintenance>().VerifyAsync(ct);
            if (verdict.Problem is { } problem)
            {
                throw new CommandFailedException($"Audit trail broken: {problem}. Entries {verdict.AnchorId + 1} to {verdict.LastId} verified before it.");
            }

            var head = verdict.HeadHash is { } hash ? AuditChain.Format(hash) : "";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"Audit trail verified: {verdict.Count} entries, {verdict.AnchorId + 1} to {verdict.LastId}, from anchor {verdict.AnchorId}. Head: {verdict.LastId} {head}"));
        }));
        return command;
    }

    public static Command PruneAudit()
    {
        var before = new Option<string>("--before") { Description = "Remove entries older than this ISO 8601 date or date-time (UTC unless it says otherwise).", Required = true };
        var command = new Command("prune-audit", "Removes audit entries older than --before; the chain's anchor keeps the rest verifiable, and the pruning is itself an entry.") { before };
        command.SetAction((result, ct) => Cli.RunWithServicesAsync(async services =>
        {
            if (AuditFilters.ParseTime(result.GetValue(before)!) is not { } cutoff)
            {
                throw new CommandFailedException($"--before: {AuditFilters.InvalidDateTime}");
            }

            var pruned = await services.GetRequiredService<AuditMaintenance>().PruneAsync(cutoff, ct);
            Console.WriteLine(pruned is null
                ? "No audit entries to prune."
                : string.Create(CultureInfo.InvariantCulture, $"Pruned {pruned.Removed} audit entries ({pruned.FirstId} to {pruned.LastId}); the chain is anchored at {pruned.LastId}."));
        }));
        return command;
    }
}
