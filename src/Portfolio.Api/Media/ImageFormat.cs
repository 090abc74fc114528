namespace Portfolio.Api.Media;

// The formats the service stores, recognised by their magic bytes alone: the file name and the
// client's Content-Type are never consulted, and nothing else (SVG, HTML, PDF) reaches a decoder.
public sealed record ImageFormat(string Name, string MimeType, string Extension)
{
    public static readonly ImageFormat Jpeg = new("jpeg", "image/jpeg", "jpg");
    public static readonly ImageFormat Png = new("png", "image/png", "png");
    public static readonly ImageFormat Gif = new("gif", "image/gif", "gif");
    public static readonly ImageFormat Webp = new("webp", "image/webp", "webp");

    public static readonly IReadOnlyList<ImageFormat> All = [Jpeg, Png, Gif, Webp];

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static ImageFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.Length >= 3 && content[0] == 0xFF && content[1] == 0xD8 && content[2] == 0xFF)
        {
            return Jpeg;
        }

        if (content.StartsWith(PngSignature))
        {
            return Png;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return Webp;
        }

        return null;
    }

    // ".jpg" or "jpg".
    public static ImageFormat? ByExtension(string extension) =>
        All.FirstOrDefault(f => string.Equals(f.Extension, extension.TrimStart('.'), StringComparison.OrdinalIgnoreCase));

    public static ImageFormat? ByName(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));
}
