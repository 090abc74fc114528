using System.Globalization;
using Microsoft.Extensions.Options;
using NetVips;

namespace Portfolio.Api.Media;

// What an upload is (format, displayed size, Pillow mode) and its four JPEG thumbnails, from one
// decode. libvips runs single-threaded per image (see VipsSettings); requests run side by side, at
// most MaxConcurrentDecodes of them, so memory stays bounded under load.
internal sealed class ImagePipeline(IOptions<MediaOptions> options) : IDisposable
{
    public const string InvalidImage = "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

    private readonly MediaOptions _options = options.Value;
    private readonly SemaphoreSlim _decodes = new(options.Value.MaxConcurrentDecodes);

    public async Task<ProcessedImage> ProcessAsync(Stream source, CancellationToken ct)
    {
        // The bytes are read only once a slot is free, so waiting uploads hold no memory.
        await _decodes.WaitAsync(ct);
        try
        {
            var content = await ReadAllAsync(source, ct);

            // Refuse what is not one of our formats before libvips sees a byte of it.
            var format = ImageFormat.Detect(content);
            if (format is null || !_options.Accepted.Contains(format))
            {
                throw new ImageRejectedException(InvalidImage);
            }

            return Process(content, format);
        }
        catch (VipsException)
        {
            throw new ImageRejectedException(InvalidImage);
        }
        finally
        {
            _decodes.Release();
        }
    }

    private ProcessedImage Process(byte[] content, ImageFormat format)
    {
        // Read the header only: a 100000x100000 PNG must be refused before it is decoded.
        int width, height, bands, orientation;
        using (var header = Image.NewFromBuffer(content, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error))
        {
            if (!header.Get("vips-loader").ToString()!.StartsWith(format.Name, StringComparison.Ordinal))
            {
                throw new ImageRejectedException(InvalidImage);
            }

            var pixels = (long)header.Width * header.Height;
            if (pixels > _options.MaxPixels)
            {
                throw new ImageRejectedException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Image size ({pixels} pixels) exceeds the limit of {_options.MaxPixels} pixels."));
            }

            (width, height, bands) = (header.Width, header.Height, header.Bands);
            orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        }

        // Orientations 5-8 turn the picture a quarter: it is displayed height x width.
        if (orientation is >= 5 and <= 8)
        {
            (width, height) = (height, width);
        }

        return new ProcessedImage(format, content, width, height, PillowMode.Of(format, content, bands), Thumbnails(content));
    }

    // One shrink-on-load decode to the largest box, upright and sRGB on white; the smaller boxes
    // are made from that, never from the original again.
    private Dictionary<int, byte[]> Thumbnails(byte[] content)
    {
        var boxes = StoredName.ThumbnailBoxes;
        var largest = boxes[^1];
        // fail_on goes in the loader's option string: libvips 8.18's thumbnail does not pass its own
        // fail_on argument to the loader, and a truncated JPEG or PNG would be decoded as grey.
        using var loaded = Image.ThumbnailBuffer(content, largest, optionString: "[fail_on=error]", height: largest, size: Enums.Size.Down);
        using var srgb = ToSrgbOnWhite(loaded);
        using var first = srgb.CopyMemory();

        var result = new Dictionary<int, byte[]>(boxes.Count);
        foreach (var box in boxes)
        {
            if (box == largest || (first.Width <= box && first.Height <= box))
            {
                result[box] = Encode(first);
                continue;
            }

            using var smaller = first.ThumbnailImage(box, height: box, size: Enums.Size.Down);
            result[box] = Encode(smaller);
        }

        return result;
    }

    private static Image ToSrgbOnWhite(Image image)
    {
        var srgb = image.Interpretation == Enums.Interpretation.Srgb ? image.Copy() : image.Colourspace(Enums.Interpretation.Srgb);
        if (srgb.HasAlpha())
        {
            using var withAlpha = srgb;
            srgb = withAlpha.Flatten(background: [255, 255, 255]);
        }

        if (srgb.Format != Enums.BandFormat.Uchar)
        {
            using var wide = srgb;
            srgb = wide.Cast(Enums.BandFormat.Uchar);
        }

        return srgb;
    }

    private byte[] Encode(Image image) =>
        image.JpegsaveBuffer(q: _options.ThumbnailQuality, keep: Enums.ForeignKeep.None);

    private static async Task<byte[]> ReadAllAsync(Stream source, CancellationToken ct)
    {
        if (source.CanSeek)
        {
            var content = new byte[source.Length - source.Position];
            await source.ReadExactlyAsync(content, ct);
            return content;
        }

        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public void Dispose() => _decodes.Dispose();
}

internal sealed record ProcessedImage(ImageFormat Format, byte[] Original, int Width, int Height, string Mode, IReadOnlyDictionary<int, byte[]> Thumbnails);

internal sealed class ImageRejectedException(string message) : Exception(message);
