using NetVips;

// Writes the benchmark's inputs into the folder given: a camera-like 4000x3000 JPEG (gradients,
// rings and sensor noise, quality 90, with EXIF) and a 2000x2000 RGBA PNG.
var folder = args.Length == 1 ? args[0] : throw new ArgumentException("usage: ImageMaker <folder>");
Directory.CreateDirectory(folder);

using (var photo = Scene(4000, 3000))
{
    photo.Jpegsave(Path.Combine(folder, "camera-4000x3000.jpg"), q: 90);
}

using (var scene = Scene(2000, 2000))
using (var alpha = Image.Xyz(2000, 2000)[0].Linear([255.0 / 2000], [0.0]).Cast(Enums.BandFormat.Uchar))
using (var rgba = scene.Bandjoin(alpha).Copy(interpretation: Enums.Interpretation.Srgb))
{
    rgba.Pngsave(Path.Combine(folder, "rgba-2000x2000.png"));
}

static Image Scene(int width, int height)
{
    using var xy = Image.Xyz(width, height);
    using var x = xy[0];
    using var y = xy[1];

    // Soft gradients, concentric rings (libvips' sin works in degrees) and per-channel sensor
    // noise: content that compresses like a photo's, not like a flat test card.
    using var red = x.Linear([200.0 / width], [30.0]);
    using var green = y.Linear([180.0 / height], [40.0]);
    using var blue = (x + y).Linear([150.0 / (width + height)], [60.0]);
    using var dx = x - (width / 2);
    using var dy = y - (height / 2);
    using var distance = ((dx * dx) + (dy * dy)).Pow([0.5]);
    using var rings = distance.Linear([2.0], [0.0]).Math(Enums.OperationMath.Sin).Linear([25.0], [0.0]);
    using var noise = Image.Gaussnoise(width, height, sigma: 6, mean: 0);
    using var noise2 = Image.Gaussnoise(width, height, sigma: 6, mean: 0);
    using var noise3 = Image.Gaussnoise(width, height, sigma: 6, mean: 0);
    using var r = red + rings + noise;
    using var g = green + rings + noise2;
    using var b = blue - rings + noise3;
    using var rgb = r.Bandjoin(g, b);
    return rgb.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb)
        .Mutate(m => m.Set(GValue.GIntType, "orientation", 1));
}
