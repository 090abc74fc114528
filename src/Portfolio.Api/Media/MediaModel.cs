using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Api.Media;

internal sealed class MediaImageConfiguration : IEntityTypeConfiguration<MediaImage>
{
    public void Configure(EntityTypeBuilder<MediaImage> image)
    {
        image.ToTable("media_images");
        image.Property(i => i.Name).HasMaxLength(255);
        image.Property(i => i.Type).HasMaxLength(100);
        image.Property(i => i.File).HasMaxLength(500);
        image.HasIndex(i => i.File).IsUnique();
        image.Property(i => i.Mode).HasMaxLength(20);
        image.HasMany(i => i.Thumbnails).WithOne().HasForeignKey(t => t.ImageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ThumbnailConfiguration : IEntityTypeConfiguration<Thumbnail>
{
    public void Configure(EntityTypeBuilder<Thumbnail> thumbnail)
    {
        thumbnail.ToTable("media_thumbnails");
        thumbnail.Property(t => t.File).HasMaxLength(500);
        thumbnail.HasIndex(t => new { t.ImageId, t.BoxSize }).IsUnique();
    }
}
