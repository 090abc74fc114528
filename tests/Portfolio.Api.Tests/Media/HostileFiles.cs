using System.Buffers.Binary;
using System.Text;
using NetVips;

namespace Portfolio.Api.Tests.Media;

// Files that are broken, lie about themselves or are built to exhaust the server.
internal static class HostileFiles
{
    public static byte[] Text => "just some text, not a picture\n"u8.ToArray();

    public static byte[] Html => "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray();

    public static byte[] SvgWithScript => Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><script>alert(1)</script><rect width=\"100\" height=\"100\"/></svg>");

    public static byte[] RandomBytes => [.. Enumerable.Range(0, 4096).Select(i => (byte)((i * 7919 + 13) % 251))];

    public static byte[] HalfJpeg()
    {
        var jpeg = TestImages.Jpeg(400, 300);
        return jpeg[..(jpeg.Length / 2)];
    }

    // Everything up to and including the start-of-scan header: all markers, no picture data.
    public static byte[] JpegHeadersOnly()
    {
        var jpeg = TestImages.Jpeg(400, 300);
        var position = 2;
        while (jpeg[position] == 0xFF && jpeg[position + 1] != 0xDA)
        {
            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(position + 2));
        }

        return jpeg[..(position + 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(position + 2)))];
    }

    public static byte[] HalfPng()
    {
        var png = TestImages.Cornered(400, 300).PngsaveBuffer(compression: 0);
        return png[..(png.Length / 2)];
    }

    // A valid small JPEG whose frame header says 65500x65500.
    public static byte[] JpegClaiming(ushort width, ushort height)
    {
        var jpeg = TestImages.Jpeg(64, 48);
        var position = 2;
        while (jpeg[position + 1] is not (0xC0 or 0xC1 or 0xC2))
        {
            position += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(position + 2));
        }

        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(position + 5), height);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(position + 7), width);
        return jpeg;
    }

    // A small, well-formed PNG whose IHDR (with a correct CRC) says 100000x100000.
    public static byte[] PngClaiming(int width, int height)
    {
        var png = TestImages.Png(64, 48);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Crc32(png.AsSpan(12, 17)));
        return png;
    }

    // PNG's chunk checksum (CRC-32, reflected polynomial 0xEDB88320).
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    // 12000x12000 of one colour: 144 million pixels in about 140 KB. Made once per test run.
    public static byte[] Bomb144Megapixels => LazyBomb.Value;

    private static readonly Lazy<byte[]> LazyBomb = new(() =>
        Image.Black(12000, 12000).PngsaveBuffer(compression: 9, filter: Enums.ForeignPngFilter.None));
}
