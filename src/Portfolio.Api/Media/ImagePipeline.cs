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

    // Answers once the header is checked; the thumbnails follow on another thread, holding the
    // decode slot until they are done, so the caller can store the original meanwhile.
    public async Task<ProcessedImage> ProcessAsync(Stream source, CancellationToken ct)
    {
        // The bytes are read only once a slot is free, so waiting uploads hold no memory.
        await _decodes.WaitAsync(ct);
        var slotHeld = true;
        try
        {
            var content = await ReadAllAsync(source, ct);

            // Refuse what is not one of our formats before libvips sees a byte of it.
            var format = ImageFormat.Detect(content);
            if (format is null || !_options.Accepted.Contains(format))
            {
                throw new ImageRejectedException(InvalidImage);
            }

            var header = ReadHeader(content, format);
            var thumbnails = Task.Run(() => ThumbnailsAsync(content, format, header.StoredLongestSide), CancellationToken.None);
            slotHeld = false;
            return new ProcessedImage(format, content, header.Width, header.Height, PillowMode.Of(format, content, header.Bands), thumbnails);
        }
        catch (VipsException)
        {
            throw new ImageRejectedException(InvalidImage);
        }
        finally
        {
            if (slotHeld)
            {
                _decodes.Release();
            }
        }
    }

    private ImageHeader ReadHeader(byte[] content, ImageFormat format)
    {
        // Read the header only: a 100000x100000 PNG must be refused before it is decoded.
        using var bytes = Source.NewFromMemory(content);
        using var header = Image.NewFromSource(bytes, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
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

        // Orientations 5-8 turn the picture a quarter: it is displayed height x width.
        var orientation = header.Contains("orientation") ? (int)header.Get("orientation") : 1;
        var turned = orientation is >= 5 and <= 8;
        return new ImageHeader(
            turned ? header.Height : header.Width,
            turned ? header.Width : header.Height,
            header.Bands,
            Math.Max(header.Width, header.Height));
    }

    // One shrink-on-load decode to the largest box, upright and sRGB on white; the smaller boxes
    // are made from that, never from the original again. Each box is resized and encoded on a
    // thread of its own: the four take 15 ms one after another.
    private async Task<IReadOnlyDictionary<int, byte[]>> ThumbnailsAsync(byte[] content, ImageFormat format, int longestSide)
    {
        try
        {
            var boxes = StoredName.ThumbnailBoxes;
            using var first = Decode(content, format, longestSide, boxes[^1]);
            var jpegs = await Task.WhenAll(boxes.Select(box => Task.Run(() => Thumbnail(first, box))));
            return boxes.Zip(jpegs).ToDictionary(pair => pair.First, pair => pair.Second);
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

    // The source pins the upload for libvips to read in place until the pixels are in memory:
    // NetVips' *Buffer loaders copy the whole file into libvips' own memory first.
    private static Image Decode(byte[] content, ImageFormat format, int longestSide, int box)
    {
        using var bytes = Source.NewFromMemory(content);
        using var loaded = Load(bytes, format, longestSide, box);
        using var srgb = ToSrgbOnWhite(loaded);
        return srgb.CopyMemory();
    }

    private byte[] Thumbnail(Image first, int box)
    {
        if (first.Width <= box && first.Height <= box)
        {
            return Encode(first);
        }

        using var smaller = first.ThumbnailImage(box, height: box, size: Enums.Size.Down);
        return Encode(smaller);
    }

    // libvips' thumbnail shrinks a JPEG on load only while a factor of two is left for the resize
    // after it, so a 4000x3000 photo was decoded at full size for the 1080 box. Decoding at the
    // smallest scale (1/2, 1/4, 1/8) that still covers the box costs a quarter less; the 1080
    // thumbnail then differs by at most 4 levels in 255 (PSNR 51 dB, docs/benchmarks.md).
    // fail_on goes in the loader's option string for the other formats: libvips 8.18's thumbnail
    // does not pass its own fail_on argument to the loader, and a truncated PNG would be decoded
    // as grey.
    private static Image Load(Source content, ImageFormat format, int longestSide, int box)
    {
        if (format != ImageFormat.Jpeg)
        {
            return Image.ThumbnailSource(content, box, optionString: "[fail_on=error]", height: box, size: Enums.Size.Down);
        }

        var shrink = 1;
        while (shrink < 8 && longestSide / (shrink * 2) >= box)
        {
            shrink *= 2;
        }

        using var decoded = Image.JpegloadSource(content, shrink: shrink, access: Enums.Access.Sequential, failOn: Enums.FailOn.Error);
        return decoded.ThumbnailImage(box, height: box, size: Enums.Size.Down);
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
            // Every byte is overwritten by the read: no need to clear 4 MB first.
            var content = GC.AllocateUninitializedArray<byte>((int)(source.Length - source.Position));
            await source.ReadExactlyAsync(content, ct);
            return content;
        }

        using var buffer = new MemoryStream();
        await source.CopyToAsync(buffer, ct);
        return buffer.ToArray();
    }

    public void Dispose() => _decodes.Dispose();

    // Width and height as displayed; the longest side as stored, before any EXIF turn.
    private sealed record ImageHeader(int Width, int Height, int Bands, int StoredLongestSide);
}

// Thumbnails faults with ImageRejectedException when the file does not decode completely.
internal sealed record ProcessedImage(ImageFormat Format, byte[] Original, int Width, int Height, string Mode, Task<IReadOnlyDictionary<int, byte[]>> Thumbnails);

internal sealed class ImageRejectedException(string message) : Exception(message);
