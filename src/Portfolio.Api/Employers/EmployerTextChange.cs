using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Api.Employers;

// One row of the log that database triggers keep of the employers' searchable text, in the same
// transaction as each change (migration EmployerTextChanges): Sign +1 with the text an employer
// took, -1 with the text it left, under the data generation of the change. An update that leaves
// the text as it was is not logged. The triggers keep the newest rows only; RememberedCounts
// carries a count from one generation to another by the rows in between.
public sealed class EmployerTextChange
{
    public long Id { get; set; }
    public long Generation { get; set; }
    public int Sign { get; set; }
    public string NormalizedName { get; set; } = "";
    public string? NormalizedDescription { get; set; }
}

internal sealed class EmployerTextChangeConfiguration : IEntityTypeConfiguration<EmployerTextChange>
{
    public void Configure(EntityTypeBuilder<EmployerTextChange> change)
    {
        change.ToTable("employer_text_changes");
        change.Property(c => c.NormalizedName).HasMaxLength(EmployerConfiguration.NameMaxLength);
        change.Property(c => c.NormalizedDescription).HasMaxLength(EmployerConfiguration.DescriptionMaxLength);
    }
}
