namespace Portfolio.Api.Media;

public sealed class MediaImage
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public required string Type { get; set; }

    // Storage key relative to the media root: core_media/2026/01/13/technology.png
    public required string File { get; set; }
    public long Size { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required string Mode { get; set; }
    public DateTime CreatedAt { get; set; }
    public List<Thumbnail> Thumbnails { get; } = [];
}

public sealed class Thumbnail
{
    public long Id { get; set; }
    public long ImageId { get; set; }

    // The box the thumbnail fits in: 64, 128, 512 or 1080.
    public int BoxSize { get; set; }
    public required string File { get; set; }
    public long Bytes { get; set; }
}
