namespace Portfolio.Api.Media;

// The colour mode as Pillow names it. PNG and GIF are read from their own headers, because
// libvips expands palettes and transparency into bands and so cannot tell "P" or "RGB"+tRNS
// from "RGBA"; JPEG and WebP map one-to-one from the decoder's band count.
internal static class PillowMode
{
    public static string Of(ImageFormat format, ReadOnlySpan<byte> content, int bands)
    {
        if (format == ImageFormat.Png)
        {
            return Png(content);
        }

        if (format == ImageFormat.Gif)
        {
            return Gif(content);
        }

        return (bands, format == ImageFormat.Jpeg) switch
        {
            (1, true) => "L",
            (4, true) => "CMYK",
            (4, false) => "RGBA",
            _ => "RGB",
        };
    }

    // IHDR is always the first chunk: bit depth at byte 24, colour type at 25 (Pillow's _MODES).
    private static string Png(ReadOnlySpan<byte> content) => (content[24], content[25]) switch
    {
        (1, 0) => "1",
        (16, 0) => "I;16",
        (_, 0) => "L",
        (_, 2) => "RGB",
        (_, 3) => "P",
        (8, 4) => "LA",
        _ => "RGBA",
    };

    // Pillow opens the first frame as "P" when its palette (local, else global) is a real one, and
    // as "L" when there is none or it is only the grey ramp 0,0,0 1,1,1 2,2,2 ...
    private static string Gif(ReadOnlySpan<byte> content)
    {
        var flags = content[10];
        var position = 13;
        var globalNeeded = false;
        if ((flags & 0x80) != 0)
        {
            var length = 3 << ((flags & 7) + 1);
            globalNeeded = IsRealPalette(Slice(content, position, length));
            position += length;
        }

        while (position < content.Length)
        {
            switch (content[position])
            {
                case (byte)'!':
                    position = SkipSubBlocks(content, position + 2);
                    break;
                case (byte)',' when position + 10 <= content.Length:
                    var local = content[position + 9];
                    if ((local & 0x80) == 0)
                    {
                        return globalNeeded ? "P" : "L";
                    }

                    var length = 3 << ((local & 7) + 1);
                    return IsRealPalette(Slice(content, position + 10, length)) ? "P" : "L";
                default:
                    return globalNeeded ? "P" : "L";
            }
        }

        return globalNeeded ? "P" : "L";
    }

    private static int SkipSubBlocks(ReadOnlySpan<byte> content, int position)
    {
        while (position < content.Length && content[position] != 0)
        {
            position += content[position] + 1;
        }

        return position + 1;
    }

    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> content, int start, int length) =>
        start >= content.Length ? [] : content.Slice(start, Math.Min(length, content.Length - start));

    private static bool IsRealPalette(ReadOnlySpan<byte> palette)
    {
        for (var i = 0; i + 2 < palette.Length; i += 3)
        {
            var index = i / 3;
            if (palette[i] != index || palette[i + 1] != index || palette[i + 2] != index)
            {
                return true;
            }
        }

        return false;
    }
}
