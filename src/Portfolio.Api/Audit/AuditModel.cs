using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Api.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public const int ActorMaxLength = 150;
    public const int ActionMaxLength = 32;
    public const int ObjectTypeMaxLength = 16;
    public const int ObjectNameMaxLength = 255;
    public const int RequestIdMaxLength = 64;
    public const int ClientAddressMaxLength = 45;
    public const int UserAgentMaxLength = 256;

    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.Property(e => e.Id).ValueGeneratedNever();
        entry.Property(e => e.Actor).HasMaxLength(ActorMaxLength);
        entry.Property(e => e.Action).HasMaxLength(ActionMaxLength);
        entry.Property(e => e.ObjectType).HasMaxLength(ObjectTypeMaxLength);
        entry.Property(e => e.ObjectName).HasMaxLength(ObjectNameMaxLength);
        entry.Property(e => e.RequestId).HasMaxLength(RequestIdMaxLength);
        entry.Property(e => e.ClientAddress).HasMaxLength(ClientAddressMaxLength);
        entry.Property(e => e.UserAgent).HasMaxLength(UserAgentMaxLength);

        // An object's history, and the filters of /api/audit; every list is read newest first by id.
        entry.HasIndex(e => new { e.ObjectType, e.ObjectId });
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.Actor);
        entry.HasIndex(e => e.Action);
    }
}

internal sealed class AuditChainEndsConfiguration : IEntityTypeConfiguration<AuditChainEnds>
{
    public void Configure(EntityTypeBuilder<AuditChainEnds> ends)
    {
        ends.ToTable("audit_chain");
        ends.Property(e => e.Id).ValueGeneratedNever();
        ends.HasData(new AuditChainEnds
        {
            Id = AuditChainEnds.RowId,
            AnchorAt = DateTime.UnixEpoch,
            AnchorHash = AuditChain.Genesis,
            HeadAt = DateTime.UnixEpoch,
            HeadHash = AuditChain.Genesis,
        });
    }
}
