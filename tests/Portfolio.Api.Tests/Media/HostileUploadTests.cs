using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// Each hostile upload gets a clean 4xx without hanging, and nothing of it stays in the store or in
// the database. That a bomb is refused from its header, not after decoding it, shows in its message:
// the pixel limit is checked before any pixel is read. This class has its own service and media store, and every upload in it is refused,
// so "nothing" means no file and no row at all.
public sealed class HostileUploadTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private const string InvalidImage = "Upload a valid image. The file you uploaded was either not an image or a corrupted image.";

    private HttpClient _client = null!;

    public static TheoryData<string> Files => [.. Hostile.Keys];

    private static readonly Dictionary<string, (Func<byte[]> Bytes, string FileName, string? Message)> Hostile = new()
    {
        ["zero bytes"] = (() => [], "empty.png", "The submitted file is empty."),
        ["text named .jpg"] = (() => HostileFiles.Text, "photo.jpg", InvalidImage),
        ["HTML named .png"] = (() => HostileFiles.Html, "page.png", InvalidImage),
        ["SVG with script"] = (() => HostileFiles.SvgWithScript, "logo.svg", InvalidImage),
        ["SVG named .png"] = (() => HostileFiles.SvgWithScript, "logo.png", InvalidImage),
        ["half a JPEG"] = (HostileFiles.HalfJpeg, "half.jpg", InvalidImage),
        ["JPEG headers only"] = (HostileFiles.JpegHeadersOnly, "headers.jpg", InvalidImage),
        ["half a PNG"] = (HostileFiles.HalfPng, "half.png", InvalidImage),
        ["random bytes"] = (() => HostileFiles.RandomBytes, "noise.webp", InvalidImage),
        ["PNG claiming 100000x100000"] = (() => HostileFiles.PngClaiming(100_000, 100_000), "huge.png", "Image size (10000000000 pixels) exceeds the limit of 50000000 pixels."),
        ["JPEG claiming 65500x65500"] = (() => HostileFiles.JpegClaiming(65_500, 65_500), "huge.jpg", "Image size (4290250000 pixels) exceeds the limit of 50000000 pixels."),
        ["144-megapixel PNG of 140 KB"] = (() => HostileFiles.Bomb144Megapixels, "bomb.png", "Image size (144000000 pixels) exceeds the limit of 50000000 pixels."),
    };

    public async Task InitializeAsync()
    {
        _client = await api.ClientForAsync(Role.Staff4222);

        // The first request pays for JIT and libvips start-up, which a busy machine can stretch.
        await MediaHttp.UploadAsync(_client, HostileFiles.RandomBytes, "warm-up.png");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_hostile_file_is_refused_with_400_and_leaves_nothing(string kind)
    {
        var (bytes, fileName, message) = Hostile[kind];
        var content = MediaHttp.Form(bytes(), fileName);

        var response = await TimedAsync(() => _client.PostAsync(MediaHttp.Path, content));

        var errors = await FieldErrorsAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["file"], errors.Keys);
        Assert.Single(errors["file"]);
        if (message is not null)
        {
            Assert.Equal(message, errors["file"][0]);
        }

        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_file_over_20_MiB_is_refused_with_413()
    {
        var content = MediaHttp.Form(new byte[(20 * 1024 * 1024) + 1], "big.png");

        var response = await TimedAsync(() => _client.PostAsync(MediaHttp.Path, content));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["detail"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Contains("20.00 MB", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_form_without_the_file_field_is_refused()
    {
        var content = new MultipartFormDataContent { { new StringContent("logo"), "name" } };

        var response = await TimedAsync(() => _client.PostAsync(MediaHttp.Path, content));

        Assert.Equal(["No file was submitted."], (await FieldErrorsAsync(response, HttpStatusCode.BadRequest))["file"]);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_file_field_sent_as_text_is_refused()
    {
        var content = new MultipartFormDataContent { { new StringContent("iVBORw0KGgo="), "file" } };

        var response = await TimedAsync(() => _client.PostAsync(MediaHttp.Path, content));

        Assert.Equal(
            ["The submitted data was not a file. Check the encoding type on the form."],
            (await FieldErrorsAsync(response, HttpStatusCode.BadRequest))["file"]);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_JSON_body_is_refused_with_415()
    {
        var response = await TimedAsync(() => _client.PostAsJsonAsync(MediaHttp.Path, new { file = "x.png" }));

        await Drf.AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "Unsupported media type \"application/json; charset=utf-8\" in request.");
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_empty_request_is_refused_as_having_no_file()
    {
        var response = await TimedAsync(() => _client.PostAsync(MediaHttp.Path, null));

        Assert.Equal(["No file was submitted."], (await FieldErrorsAsync(response, HttpStatusCode.BadRequest))["file"]);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_refused_with_400()
    {
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");

        var response = await TimedAsync(() => _client.PostAsync(MediaHttp.Path, content));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("{\"detail\":\"Multipart form parse error - ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await AssertNothingStoredAsync();
    }

    // A guard against a hang (a decoder looping on a hostile file), not a speed target: that is
    // bench/upload.sh's. On a busy CI machine copying 20 MiB alone has taken over a second.
    private static async Task<HttpResponseMessage> TimedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"answered in {clock.ElapsedMilliseconds} ms");
        return response;
    }

    private static async Task<Dictionary<string, string[]>> FieldErrorsAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(text)!;
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Empty(await api.StoredKeysAsync());
        Assert.Equal((0, 0), await MediaHttp.RowCountsAsync(api));
    }
}
