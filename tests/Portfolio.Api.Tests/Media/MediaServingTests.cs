using System.Net;
using System.Net.Http.Headers;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// /media/... as the service serves local storage (with S3 the bucket serves them: S3StorageTests).
public sealed class MediaServingTests(LocalApiFactory api) : IClassFixture<LocalApiFactory>
{
    [Fact]
    public async Task Media_files_are_served_inline_with_nosniff_long_caching_etag_and_ranges()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var bytes = TestImages.Jpeg(60, 40);
        var image = await MediaHttp.UploadOkAsync(client, bytes, "served.jpg");
        var path = new Uri(image.GetProperty("f").GetString()!).PathAndQuery;
        var anonymous = api.CreateClient();

        var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("inline", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("served.jpg", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.NotNull(response.Headers.ETag);

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, (await anonymous.SendAsync(again)).StatusCode);

        var range = new HttpRequestMessage(HttpMethod.Get, path);
        range.Headers.Range = new RangeHeaderValue(0, 9);
        var partial = await anonymous.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(bytes[..10], await partial.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/media/core_media/nothing.jpg")]
    [InlineData("/media/core_media/")]
    [InlineData("/media/")]
    [InlineData("/media/../portfolio.db")]
    [InlineData("/media/%2e%2e/portfolio.db")]
    [InlineData("/media/notes.txt")]
    [InlineData("/media/page.html")]
    [InlineData("/media/.hidden.png")]
    public async Task Media_serves_only_stored_image_files(string path)
    {
        var root = api.MediaRoot!;
        Directory.CreateDirectory(root);
        await File.WriteAllTextAsync(Path.Combine(root, "notes.txt"), "secret");
        await File.WriteAllTextAsync(Path.Combine(root, "page.html"), "<script>alert(1)</script>");
        await File.WriteAllBytesAsync(Path.Combine(root, ".hidden.png"), TestImages.Png(4, 4));

        var response = await api.CreateClient().GetAsync(path);

        await Drf.AssertErrorAsync(response, HttpStatusCode.NotFound, "Not found.");
    }
}
