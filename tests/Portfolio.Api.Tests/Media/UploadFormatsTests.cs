using System.Net;
using System.Text.Json;
using NetVips;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// Every accepted kind of image: its reported metadata, its four thumbnails as decoded from the
// served files, and the original served back byte for byte.
public sealed class UploadFormatsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Kinds => [.. Samples.Keys];

    private static readonly Dictionary<string, Func<Sample>> Samples = new()
    {
        ["rgb jpeg"] = () => new(TestImages.Jpeg(300, 200), "image/jpeg", "RGB", 300, 200),
        ["greyscale jpeg"] = () => new(TestImages.Cornered(300, 200).Colourspace(Enums.Interpretation.Bw).JpegsaveBuffer(), "image/jpeg", "L", 300, 200),
        ["progressive jpeg"] = () => new(TestImages.Cornered(300, 200).JpegsaveBuffer(interlace: true), "image/jpeg", "RGB", 300, 200),
        ["cmyk jpeg"] = () => new(TestImages.Cornered(300, 200).IccTransform("cmyk").JpegsaveBuffer(), "image/jpeg", "CMYK", 300, 200),
        ["rgb png"] = () => new(TestImages.Png(300, 200), "image/png", "RGB", 300, 200),
        ["greyscale png"] = () => new(TestImages.Cornered(300, 200).Colourspace(Enums.Interpretation.Bw).PngsaveBuffer(), "image/png", "L", 300, 200),
        ["palette png"] = () => new(TestImages.Cornered(300, 200).PngsaveBuffer(palette: true), "image/png", "P", 300, 200),
        ["palette png with transparency"] = () => new(TestImages.HalfTransparent(300, 200).PngsaveBuffer(palette: true), "image/png", "P", 300, 200, Transparent: true),
        ["rgba png"] = () => new(TestImages.HalfTransparent(300, 200).PngsaveBuffer(), "image/png", "RGBA", 300, 200, Transparent: true),
        ["greyscale png with alpha"] = () => new(TestImages.Cornered(300, 200).Colourspace(Enums.Interpretation.Bw).Bandjoin(255).PngsaveBuffer(), "image/png", "LA", 300, 200),
        ["1-bit png"] = () => new(TestImages.Cornered(300, 200).Colourspace(Enums.Interpretation.Bw).PngsaveBuffer(bitdepth: 1), "image/png", "1", 300, 200),
        ["16-bit greyscale png"] = () => new(TestImages.Cornered(300, 200).Colourspace(Enums.Interpretation.Grey16).PngsaveBuffer(), "image/png", "I;16", 300, 200),
        ["animated gif"] = () => new(TestImages.AnimatedGif(300, 200), "image/gif", "P", 300, 200, FirstFrameRed: true),
        ["webp"] = () => new(TestImages.Cornered(300, 200).WebpsaveBuffer(), "image/webp", "RGB", 300, 200),
        ["webp with alpha"] = () => new(TestImages.HalfTransparent(300, 200).WebpsaveBuffer(lossless: true), "image/webp", "RGBA", 300, 200, Transparent: true),
        ["1x1 png"] = () => new(TestImages.Solid(1, 1, TestImages.Red).PngsaveBuffer(), "image/png", "RGB", 1, 1),
        ["2000x3 strip"] = () => new(TestImages.Solid(2000, 3, TestImages.Red).PngsaveBuffer(), "image/png", "RGB", 2000, 3),
        ["exactly box-sized jpeg"] = () => new(TestImages.Jpeg(512, 512), "image/jpeg", "RGB", 512, 512),
        ["larger than every box"] = () => new(TestImages.Jpeg(1500, 1000), "image/jpeg", "RGB", 1500, 1000),
        ["jpeg decoded at half size"] = () => new(TestImages.Jpeg(2400, 1600), "image/jpeg", "RGB", 2400, 1600),
        ["jpeg decoded at half size, stored turned"] = () => new(TestImages.Jpeg(1600, 2400, orientation: 6), "image/jpeg", "RGB", 1600, 2400),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Upload_reports_metadata_makes_four_upright_thumbnails_and_keeps_the_original(string kind)
    {
        var sample = Samples[kind]();
        var client = await api.ClientForAsync(Role.Staff4222);

        var image = await MediaHttp.UploadOkAsync(client, sample.Bytes, "sample.bin");

        Assert.Equal(
            ["id", "type", "name", "size", "human_readable_size", "f", "width", "height", "mode", "thumbnails"],
            image.EnumerateObject().Select(p => p.Name));
        Assert.Equal(sample.Type, image.GetProperty("type").GetString());
        Assert.Equal(sample.Mode, image.GetProperty("mode").GetString());
        Assert.Equal(sample.Width, image.GetProperty("width").GetInt32());
        Assert.Equal(sample.Height, image.GetProperty("height").GetInt32());
        Assert.Equal(sample.Bytes.Length, image.GetProperty("size").GetInt64());
        Assert.Equal("sample.bin", image.GetProperty("name").GetString());

        // The extension comes from the content, never from the name the client gave.
        var extension = sample.Type["image/".Length..].Replace("jpeg", "jpg", StringComparison.Ordinal);
        Assert.EndsWith($".{extension}", image.GetProperty("f").GetString(), StringComparison.Ordinal);
        Assert.Equal(sample.Bytes, await MediaHttp.DownloadAsync(client, image.GetProperty("f").GetString()!));

        foreach (var (_, thumbnail) in await MediaHttp.AssertThumbnailsAsync(client, image, sample.Width, sample.Height))
        {
            AssertLooksLike(sample, thumbnail);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task Upload_applies_the_EXIF_orientation_to_the_size_and_every_thumbnail(int orientation)
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        // Displayed 300x200 with red at the top left, whatever way round it is stored.
        var image = await MediaHttp.UploadOkAsync(client, TestImages.Jpeg(300, 200, orientation), $"orientation-{orientation}.jpg");

        Assert.Equal(300, image.GetProperty("width").GetInt32());
        Assert.Equal(200, image.GetProperty("height").GetInt32());
        foreach (var (_, thumbnail) in await MediaHttp.AssertThumbnailsAsync(client, image, 300, 200))
        {
            AssertRedTopLeft(thumbnail);
        }
    }

    [Fact]
    public async Task A_JPEG_stored_600x400_with_orientation_6_reports_400x600()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var stored = TestImages.Solid(600, 400, TestImages.Grey).Mutate(m => m.Set(GValue.GIntType, "orientation", 6)).JpegsaveBuffer();

        var image = await MediaHttp.UploadOkAsync(client, stored, "turned.jpg");

        Assert.Equal(400, image.GetProperty("width").GetInt32());
        Assert.Equal(600, image.GetProperty("height").GetInt32());
    }

    [Fact]
    public async Task An_upload_sent_without_Content_Length_is_stored_the_same()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var bytes = TestImages.Jpeg(300, 200);
        using var form = MediaHttp.Form(bytes, "streamed.jpg");

        // Chunked, the body has no length to read it into memory by: the form reader spools the file.
        using var request = new HttpRequestMessage(HttpMethod.Post, MediaHttp.Path) { Content = form };
        request.Headers.TransferEncodingChunked = true;
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var image = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(bytes, await MediaHttp.DownloadAsync(client, image.GetProperty("f").GetString()!));
        await MediaHttp.AssertThumbnailsAsync(client, image, 300, 200);
    }

    private static void AssertLooksLike(Sample sample, Image thumbnail)
    {
        if (sample.Transparent)
        {
            // Left half red, right half transparent and so flattened onto white.
            Assert.True(TestImages.IsRed(thumbnail.Getpoint(thumbnail.Width / 4, thumbnail.Height / 2)));
            Assert.True(TestImages.IsWhite(thumbnail.Getpoint(thumbnail.Width * 3 / 4, thumbnail.Height / 2)));
        }
        else if (sample.FirstFrameRed || sample.Width < 3)
        {
            Assert.True(TestImages.IsRed(thumbnail.Getpoint(thumbnail.Width / 2, thumbnail.Height / 2)));
        }
        else if (sample.Height > 3 && sample.Mode is "L" or "I;16")
        {
            // The grey stays the same grey: 16-bit samples are scaled to 8 bits, not clipped.
            Assert.True(TestImages.IsGrey(thumbnail.Getpoint(thumbnail.Width * 9 / 10, thumbnail.Height * 9 / 10)), "bottom right should be mid grey");
        }
        else if (sample.Height > 3 && sample.Mode is not ("1" or "LA"))
        {
            AssertRedTopLeft(thumbnail);
        }
    }

    private static void AssertRedTopLeft(Image thumbnail)
    {
        int X(double f) => (int)(thumbnail.Width * f);
        int Y(double f) => (int)(thumbnail.Height * f);
        Assert.True(TestImages.IsRed(thumbnail.Getpoint(X(0.1), Y(0.1))), "top left should be red");
        Assert.True(TestImages.IsGrey(thumbnail.Getpoint(X(0.9), Y(0.1))), "top right should be grey");
        Assert.True(TestImages.IsGrey(thumbnail.Getpoint(X(0.1), Y(0.9))), "bottom left should be grey");
        Assert.True(TestImages.IsGrey(thumbnail.Getpoint(X(0.9), Y(0.9))), "bottom right should be grey");
    }

    private sealed record Sample(byte[] Bytes, string Type, string Mode, int Width, int Height, bool Transparent = false, bool FirstFrameRed = false);
}
