using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Api.Employers;

// A count that some instance counted in full, kept in the database for the others and for itself
// after a restart, so that a search's first count at a million employers (hundreds of
// milliseconds) is paid once, not once per instance (RememberedCounts). Keyed by the SHA-256 of the
// search's sorted terms; the rows whose log position the text log has left far behind are deleted
// as new ones come.
public sealed class SharedCount
{
    public byte[] Key { get; set; } = [];
    public long Generation { get; set; }
    public int Matches { get; set; }
    public long? LastChange { get; set; }
    public long? LastChangeGeneration { get; set; }
}

internal sealed class SharedCountConfiguration : IEntityTypeConfiguration<SharedCount>
{
    public void Configure(EntityTypeBuilder<SharedCount> count)
    {
        count.ToTable("search_counts");
        count.HasKey(c => c.Key);
        count.Property(c => c.Key).HasMaxLength(32);
    }
}
