namespace Portfolio.Api.Media;

// The page's Image Data Structure. Thumbnail `size` is the box size, as the page's example shows.
public sealed record ImageResponse(
    long Id,
    string Type,
    string Name,
    long Size,
    string HumanReadableSize,
    string F,
    int Width,
    int Height,
    string Mode,
    IReadOnlyList<ThumbnailResponse> Thumbnails)
{
    public static ImageResponse From(MediaImage image, string mediaBaseUrl)
    {
        var thumbnails = image.Thumbnails
            .OrderBy(t => t.BoxSize)
            .Select(t => new ThumbnailResponse(t.Id, MediaUrls.Build(mediaBaseUrl, t.File), t.BoxSize))
            .ToArray();
        return new ImageResponse(
            image.Id,
            image.Type,
            image.Name,
            image.Size,
            HumanSize.Format(image.Size),
            MediaUrls.Build(mediaBaseUrl, image.File),
            image.Width,
            image.Height,
            image.Mode,
            thumbnails);
    }
}

public sealed record ThumbnailResponse(long Id, string F, int Size);
