using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NetVips;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

internal static class MediaHttp
{
    public const string Path = "/api/core/media";

    // The part's headers are written as raw UTF-8, as browsers send a Persian file name.
    public static MultipartFormDataContent Form(byte[] file, string fileName, string? name = null)
    {
        var form = new MultipartFormDataContent { HeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        var part = new ByteArrayContent(file);
        part.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(part);
        if (name is not null)
        {
            form.Add(new StringContent(name, Encoding.UTF8), "name");
        }

        return form;
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName, string? name = null) =>
        client.PostAsync(Path, Form(file, fileName, name));

    // Uploads and answers the image object, failing the test on anything but 201.
    public static async Task<JsonElement> UploadOkAsync(HttpClient client, byte[] file, string fileName, string? name = null)
    {
        var response = await UploadAsync(client, file, fileName, name);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static readonly HttpClient Network = new() { Timeout = TimeSpan.FromSeconds(30) };

    // An `f` URL as a client follows it: /media through the test server, a bucket URL over the network.
    public static Task<HttpResponseMessage> GetFileAsync(HttpClient client, string url) =>
        url.StartsWith("http://localhost/", StringComparison.Ordinal) ? client.GetAsync(new Uri(url).PathAndQuery) : Network.GetAsync(url);

    public static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        var response = await GetFileAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    // The storage key an `f` URL names: "core_media/2026/01/13/logo.png".
    public static string KeyOf(ApiFactory api, string url)
    {
        Assert.StartsWith(api.MediaBaseUrl + "/", url, StringComparison.Ordinal);
        return Uri.UnescapeDataString(url[(api.MediaBaseUrl.Length + 1)..]);
    }

    public static async Task<IReadOnlyList<(int Box, Image Image)>> ThumbnailsAsync(HttpClient client, JsonElement image)
    {
        var result = new List<(int, Image)>();
        foreach (var thumbnail in image.GetProperty("thumbnails").EnumerateArray())
        {
            var bytes = await DownloadAsync(client, thumbnail.GetProperty("f").GetString()!);
            Assert.Equal([0xFF, 0xD8, 0xFF], bytes[..3]);
            result.Add((thumbnail.GetProperty("size").GetInt32(), Image.NewFromBuffer(bytes, failOn: Enums.FailOn.Error)));
        }

        return result;
    }

    // Each thumbnail fits its box, keeps the aspect ratio (to a pixel of rounding), is never larger
    // than the original and is an 8-bit sRGB JPEG.
    public static async Task<IReadOnlyList<(int Box, Image Image)>> AssertThumbnailsAsync(HttpClient client, JsonElement image, int width, int height)
    {
        var thumbnails = await ThumbnailsAsync(client, image);
        Assert.Equal([64, 128, 512, 1080], thumbnails.Select(t => t.Box));
        foreach (var (box, thumbnail) in thumbnails)
        {
            var scale = Math.Min(1.0, Math.Min((double)box / width, (double)box / height));
            Assert.True(thumbnail.Width <= box && thumbnail.Height <= box, $"{box}: {thumbnail.Width}x{thumbnail.Height}");
            Assert.InRange(thumbnail.Width, Math.Max(1, (int)Math.Floor(width * scale) - 1), Math.Max(1, (int)Math.Ceiling(width * scale) + 1));
            Assert.InRange(thumbnail.Height, Math.Max(1, (int)Math.Floor(height * scale) - 1), Math.Max(1, (int)Math.Ceiling(height * scale) + 1));
            Assert.Equal(Math.Min(box, Math.Max(width, height)), Math.Max(thumbnail.Width, thumbnail.Height));
            Assert.Equal(3, thumbnail.Bands);
            Assert.Equal(Enums.Interpretation.Srgb, thumbnail.Interpretation);
        }

        return thumbnails;
    }

    public static Task<(int Images, int Thumbnails)> RowCountsAsync(ApiFactory api) =>
        api.WithDbAsync(db => Task.FromResult((db.Images.Count(), db.Thumbnails.Count())));
}
