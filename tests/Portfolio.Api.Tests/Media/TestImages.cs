using NetVips;

namespace Portfolio.Api.Tests.Media;

// Images the tests make with libvips. Most have one red corner on grey, so a test can tell from a
// thumbnail which way up it came out.
internal static class TestImages
{
    public static readonly double[] Red = [220, 20, 20];
    public static readonly double[] Grey = [128, 128, 128];
    public static readonly double[] Blue = [20, 20, 220];
    private static readonly int[] FrameDelays = [100, 100];

    // width x height as displayed, red at the top left; stored turned so that applying the EXIF
    // orientation puts the red corner back at the top left.
    public static Image Cornered(int width, int height, int orientation = 1)
    {
        using var display = Solid(width, height, Grey).Insert(Solid(Math.Max(1, width / 3), Math.Max(1, height / 3), Red), 0, 0);
        foreach (var candidate in Turns(display))
        {
            var stored = candidate.Mutate(m => m.Set(GValue.GIntType, "orientation", orientation));
            using var upright = stored.Autorot();
            if (upright.Width == width && upright.Height == height && IsRed(upright.Getpoint(0, 0)) && !IsRed(upright.Getpoint(width - 1, height - 1)))
            {
                return stored;
            }
        }

        throw new InvalidOperationException($"No turn of the image suits orientation {orientation}.");
    }

    public static Image Solid(int width, int height, double[] colour) =>
        Image.Black(width, height).NewFromImage(colour).Cast(Enums.BandFormat.Uchar).Copy(interpretation: colour.Length >= 3 ? Enums.Interpretation.Srgb : Enums.Interpretation.Bw);

    public static byte[] Jpeg(int width, int height, int orientation = 1) => Cornered(width, height, orientation).JpegsaveBuffer(q: 90);

    public static byte[] Png(int width, int height) => Cornered(width, height).PngsaveBuffer();

    // Left half opaque red, right half fully transparent: flattened, the right half turns white.
    public static Image HalfTransparent(int width, int height)
    {
        using var colour = Solid(width, height, Red);
        using var alpha = Image.Black(width, height).NewFromImage(0.0).Cast(Enums.BandFormat.Uchar)
            .Insert(Solid(width / 2, height, [255]), 0, 0);
        return colour.Bandjoin(alpha).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    // Two frames: red then blue. The thumbnail must show the first.
    public static byte[] AnimatedGif(int width, int height)
    {
        using var frames = Image.Arrayjoin([Solid(width, height, Red), Solid(width, height, Blue)], across: 1);
        using var animated = frames.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", height);
            m.Set(GValue.ArrayIntType, "delay", FrameDelays);
        });
        return animated.GifsaveBuffer();
    }

    public static bool IsRed(double[] pixel) => pixel[0] > 170 && pixel[1] < 90 && pixel[2] < 90;

    public static bool IsWhite(double[] pixel) => pixel.Take(3).All(v => v > 235);

    public static bool IsGrey(double[] pixel) => pixel.Take(3).All(v => v is > 90 and < 170);

    private static IEnumerable<Image> Turns(Image image)
    {
        foreach (var flip in new[] { false, true })
        {
            using var flipped = flip ? image.FlipHor() : image.Copy();
            yield return flipped.Copy();
            yield return flipped.Rot90();
            yield return flipped.Rot180();
            yield return flipped.Rot270();
        }
    }
}
