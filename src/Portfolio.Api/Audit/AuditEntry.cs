namespace Portfolio.Api.Audit;

// One change, as it was made: who, what, when and from where. Entries are never updated; each
// carries the SHA-256 link that chains it to the entry before it (AuditChain).
public sealed class AuditEntry
{
    // Consecutive from 1, given under the chain's lock: a gap is a deleted entry.
    public long Id { get; set; }
    public DateTime At { get; set; }

    // The user who made the change, kept as it was when the user is later renamed or deleted;
    // null with Actor "system" for a command, both null for an anonymous caller (a failed login).
    public long? ActorId { get; set; }
    public string? Actor { get; set; }
    public required string Action { get; set; }
    public required string ObjectType { get; set; }
    public long? ObjectId { get; set; }
    public string? ObjectName { get; set; }

    // {"field": {"old": ..., "new": ...}}, as text: the bytes hashed are the bytes stored.
    public required string Changes { get; set; }
    public string? RequestId { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
    public byte[] Hash { get; set; } = [];
}

// The chain's two ends in one row: the anchor every kept entry follows from (the newest pruned
// entry, or the genesis: id 0 and 32 zero bytes) and the head, the newest entry. A writer locks
// this row to append, so entries are numbered and linked in the order their changes commit.
public sealed class AuditChainEnds
{
    public const int RowId = 1;

    public int Id { get; set; }
    public long AnchorId { get; set; }
    public DateTime AnchorAt { get; set; }
    public byte[] AnchorHash { get; set; } = [];
    public long HeadId { get; set; }
    public DateTime HeadAt { get; set; }
    public byte[] HeadHash { get; set; } = [];
}
