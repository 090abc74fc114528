using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;

namespace Portfolio.Api.Audit;

// The work behind `verify-audit` and `prune-audit`, and the automatic retention.
internal sealed class AuditMaintenance(AppDb db, AuditTrail audit)
{
    // Walks the chain from its anchor in id order and stops at the first broken link.
    public async Task<AuditVerdict> VerifyAsync(CancellationToken ct)
    {
        var ends = await db.AuditChain.AsNoTracking().SingleAsync(e => e.Id == AuditChainEnds.RowId, ct);
        var (previousId, previousAt, previousHash) = (ends.AnchorId, ends.AnchorAt, ends.AnchorHash);
        long count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            var problem = entry.Id != previousId + 1
                ? entry.Id <= previousId
                    ? $"entry {entry.Id} is at or before the anchor {ends.AnchorId}: it was inserted after pruning"
                    : Missing(previousId + 1, entry.Id - 1, $"the chain goes from {previousId} to {entry.Id}")
                : entry.At < previousAt
                    ? $"entry {entry.Id} is dated before entry {previousId}"
                    : !AuditChain.Link(previousHash, entry).AsSpan().SequenceEqual(entry.Hash)
                        ? $"entry {entry.Id} does not match its hash: the entry, or its link to entry {previousId}, was changed"
                        : null;
            if (problem is not null)
            {
                return new AuditVerdict(ends.AnchorId, previousId, count, problem);
            }

            (previousId, previousAt, previousHash) = (entry.Id, entry.At, entry.Hash);
            count++;
        }

        // The last entries deleted leave no broken link behind them, but the head remembers them.
        var end = previousId != ends.HeadId
            ? previousId < ends.HeadId
                ? Missing(previousId + 1, ends.HeadId, $"the chain ends at {previousId} but its head is entry {ends.HeadId}")
                : $"entry {previousId} is past the chain's head {ends.HeadId}: it was inserted by hand"
            : !previousHash.AsSpan().SequenceEqual(ends.HeadHash)
                ? $"the chain's head does not match entry {previousId}"
                : null;
        return new AuditVerdict(ends.AnchorId, previousId, count, end, previousHash);
    }

    // Removes the entries older than `before` and moves the anchor to the newest of them, so that
    // the rest still verifies; the pruning is itself an entry. Null when there is nothing to prune.
    public async Task<AuditPruned?> PruneAsync(DateTime before, CancellationToken ct)
    {
        await using var change = await audit.BeginAsync(ct);
        var ends = await audit.LockEndsAsync(ct);

        // Time order is id order (AuditTrail), so the entries before a time are those up to an id.
        var last = await db.AuditEntries.AsNoTracking()
            .Where(e => e.At < before && e.Id > ends.AnchorId)
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.Id, e.At, e.Hash })
            .FirstOrDefaultAsync(ct);
        if (last is null)
        {
            return null;
        }

        var removed = await db.AuditEntries.Where(e => e.Id <= last.Id).ExecuteDeleteAsync(ct);
        var pruned = new AuditPruned(ends.AnchorId + 1, last.Id, removed);
        audit.Record(new AuditRecord(AuditActions.AuditPrune, AuditObjects.Audit, null, null, new AuditChanges()
            .Added("before", before)
            .Changed("anchor", ends.AnchorId, last.Id)
            .Added("removed", removed)));
        (ends.AnchorId, ends.AnchorAt, ends.AnchorHash) = (last.Id, last.At, last.Hash);
        await change.CommitAsync(ct);
        return pruned;
    }

    private static string Missing(long first, long last, string context) =>
        first == last ? $"entry {first} is missing ({context})" : $"entries {first} to {last} are missing ({context})";
}

// Problem is null when every entry from the anchor to the head links to the one before it.
internal sealed record AuditVerdict(long AnchorId, long LastId, long Count, string? Problem, byte[]? HeadHash = null);

internal sealed record AuditPruned(long FirstId, long LastId, int Removed);
