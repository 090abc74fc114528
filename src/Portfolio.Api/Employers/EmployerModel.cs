using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Api.Employers;

internal sealed class EmployerConfiguration : IEntityTypeConfiguration<Employer>
{
    public const int NameMaxLength = 255;
    public const int DescriptionMaxLength = 5000;

    public void Configure(EntityTypeBuilder<Employer> employer)
    {
        employer.ToTable("employers");
        employer.Property(e => e.Name).HasMaxLength(NameMaxLength);
        employer.Property(e => e.NormalizedName).HasMaxLength(NameMaxLength);
        employer.HasIndex(e => e.NormalizedName).IsUnique();
        employer.Property(e => e.Description).HasMaxLength(DescriptionMaxLength);
        employer.Property(e => e.NormalizedDescription).HasMaxLength(DescriptionMaxLength);
        employer.HasOne(e => e.Image).WithMany().HasForeignKey(e => e.ImageId).OnDelete(DeleteBehavior.SetNull);

        // One index per ?ordering= field, so that a page is read in order rather than sorted.
        employer.HasIndex(e => e.Name);
        employer.HasIndex(e => e.CreatedAt);
        employer.HasIndex(e => e.UpdatedAt);
    }
}
