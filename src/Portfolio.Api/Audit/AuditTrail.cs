using System.Data;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Audit;

// Writes the entries of a change in the change's own transaction, so that a change never lands
// without its entries and a rolled-back one leaves none:
//
//     await using var change = await audit.BeginAsync(ct);
//     ... the change's own writes ...
//     audit.Record(new AuditRecord(...));
//     await change.CommitAsync(ct);
//
// The chain's head is locked only to append: on PostgreSQL by a trigger at the commit, on SQLite
// by the commit, which appends the entries after the head read in the same transaction.
// A change begun while another is open joins it (a token issued inside a login). On SQLite the
// changes of this instance take turns at the gate before they BEGIN.
internal sealed class AuditTrail(AppDb db, SqliteWriteGate writers, IHttpContextAccessor http, TimeProvider clock)
{
    private readonly List<AuditRecord> _records = [];
    private IDbContextTransaction? _transaction;
    private AuditChainEnds? _ends;
    private AuditActor? _actor;
    private IDisposable? _turn;
    private long _unlinked;

    public async Task<AuditedChange> BeginAsync(CancellationToken ct, IsolationLevel isolation = IsolationLevel.Unspecified)
    {
        if (_transaction is not null)
        {
            return new AuditedChange(this, owner: false);
        }

        if (db.Database.IsSqlite())
        {
            _turn = await writers.WaitAsync(ct);
        }

        // A change that fails is rolled back whole: savepoints around each save would only cost
        // two round trips each, inside the time that the change holds its locks.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            _transaction = isolation == IsolationLevel.Unspecified
                ? await db.Database.BeginTransactionAsync(ct)
                : await db.Database.BeginTransactionAsync(isolation, ct);
        }
        catch
        {
            await EndAsync();
            throw;
        }

        // PostgreSQL freezes a repeatable-read snapshot at the first query, so a row its commit
        // updates (the generation, the chain's head) would be read as of that snapshot and a newer
        // commit would fail it: lock both now, before the snapshot, in the order every commit
        // takes them (migration SettleOnCommit), so that no two changes wait on each other.
        // (SQLite's transactions hold the database's write lock from BEGIN.)
        if (isolation is IsolationLevel.RepeatableRead or IsolationLevel.Serializable && !db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE data_generation, audit_chain IN EXCLUSIVE MODE", ct);
        }

        return new AuditedChange(this, owner: true);
    }

    // On PostgreSQL the entry goes into the change's next save, unlinked (migration
    // SettleOnCommit): recorded before the change's last save, it costs no round trip of its own.
    // On SQLite the entries wait for the commit, which links them.
    public void Record(AuditRecord record)
    {
        if (_transaction is null)
        {
            throw new InvalidOperationException("An audit entry is written in the transaction of its change: begin the change first.");
        }

        if (db.Database.IsSqlite())
        {
            _records.Add(record);
            return;
        }

        // Negative, unlike any other change's (two alike would make the second insert wait for the
        // first's commit), and rising in the order recorded, which is the order EF Core inserts
        // them in and so the chain's.
        if (_unlinked == 0)
        {
            _unlinked = -Random.Shared.NextInt64(1L << 40, 1L << 62);
        }

        var entry = Unlinked(record, Describe(), Timestamps.UtcNow(clock));
        entry.Id = _unlinked++;
        db.AuditEntries.Add(entry);
    }

    // For a change made on someone's behalf before they hold a token: a login.
    public void ActAs(AuditActor actor) => _actor = actor;

    // The chain's ends, locked until the commit: for a change that moves the anchor (pruning).
    public async Task<AuditChainEnds> LockEndsAsync(CancellationToken ct)
    {
        if (_ends is null)
        {
            var sql = db.Database.IsSqlite()
                ? "SELECT * FROM audit_chain WHERE id = 1"
                : "SELECT * FROM audit_chain WHERE id = 1 FOR UPDATE";
            _ends = await db.AuditChain.FromSqlRaw(sql).SingleAsync(ct);
        }

        return _ends;
    }

    internal async Task CommitAsync(CancellationToken ct)
    {
        if (_records.Count > 0)
        {
            var ends = await LockEndsAsync(ct);
            var source = Describe();
            var now = Timestamps.UtcNow(clock);
            foreach (var record in _records)
            {
                var entry = Unlinked(record, source, now);
                entry.Id = ends.HeadId + 1;

                // Never before the head, so that time order is id order whatever each instance's clock says.
                if (entry.At < ends.HeadAt)
                {
                    entry.At = DateTime.SpecifyKind(ends.HeadAt, DateTimeKind.Utc);
                }

                entry.Hash = AuditChain.Link(ends.HeadHash, entry);
                db.AuditEntries.Add(entry);
                (ends.HeadId, ends.HeadAt, ends.HeadHash) = (entry.Id, entry.At, entry.Hash);
            }
        }

        await db.SaveChangesAsync(ct);
        await _transaction!.CommitAsync(ct);
    }

    private static AuditEntry Unlinked(AuditRecord record, AuditEntryTemplate source, DateTime at) => new()
    {
        At = at,
        ActorId = source.Actor.Id,
        Actor = AuditText.Clean(source.Actor.Name, AuditEntryConfiguration.ActorMaxLength),
        Action = record.Action,
        ObjectType = record.ObjectType,
        ObjectId = record.ObjectId,
        ObjectName = AuditText.Clean(record.ObjectName, AuditEntryConfiguration.ObjectNameMaxLength),
        Changes = record.Changes.ToString(),
        RequestId = source.RequestId,
        ClientAddress = source.ClientAddress,
        UserAgent = source.UserAgent,
    };

    // Ends the change: rolled back unless committed, and the trail's rows forgotten either way,
    // so that the next change reads the chain's ends afresh.
    internal async ValueTask EndAsync()
    {
        var transaction = _transaction;
        _transaction = null;
        _records.Clear();
        _ends = null;
        _actor = null;
        _unlinked = 0;
        foreach (var tracked in db.ChangeTracker.Entries().Where(e => e.Entity is AuditEntry or AuditChainEnds).ToList())
        {
            tracked.State = EntityState.Detached;
        }

        try
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
            _turn?.Dispose();
            _turn = null;
        }
    }

    // Who and where from: the request's token user, address (after the trusted-proxy rules) and
    // agent, or the system when no request is being served (a command).
    private AuditEntryTemplate Describe()
    {
        var context = http.HttpContext;
        if (context is null)
        {
            return new AuditEntryTemplate(_actor ?? AuditActor.System);
        }

        var user = context.User;
        var actor = _actor ?? (user.Identity?.IsAuthenticated == true
            ? AuditActor.User(user.UserId(), user.Identity.Name ?? "")
            : AuditActor.Anonymous);
        return new AuditEntryTemplate(actor)
        {
            RequestId = AuditText.Clean(context.TraceIdentifier, AuditEntryConfiguration.RequestIdMaxLength),
            ClientAddress = Address(context.Connection.RemoteIpAddress),
            UserAgent = AuditText.Clean(context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null, AuditEntryConfiguration.UserAgentMaxLength),
        };
    }

    private static string? Address(IPAddress? address) =>
        address is null ? null : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    // The fields that every entry of one change shares.
    private sealed record AuditEntryTemplate(AuditActor Actor)
    {
        public string? RequestId { get; init; }
        public string? ClientAddress { get; init; }
        public string? UserAgent { get; init; }
    }
}

// One change's handle: CommitAsync commits the change with its entries; disposing it first rolls
// both back. The handle of a change that joined another leaves both to the outer one.
internal sealed class AuditedChange(AuditTrail trail, bool owner) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => owner ? trail.CommitAsync(ct) : Task.CompletedTask;

    public ValueTask DisposeAsync() => owner ? trail.EndAsync() : ValueTask.CompletedTask;
}
