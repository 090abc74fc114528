using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Api.Media;

// The stored name of a deleted image's original or thumbnail. Files are served as immutable for a
// year, so a cache may still hold the old file under its name: MediaLibrary never gives the name
// to another. Database triggers write these rows as image and thumbnail rows are deleted, however
// they are deleted (migration RetiredFiles).
public sealed class RetiredFile
{
    public string File { get; set; } = "";
}

internal sealed class RetiredFileConfiguration : IEntityTypeConfiguration<RetiredFile>
{
    public void Configure(EntityTypeBuilder<RetiredFile> retired)
    {
        retired.ToTable("media_retired_files");
        retired.HasKey(r => r.File);
        retired.Property(r => r.File).HasMaxLength(500);
    }
}
