using System.Net;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// With Media:Storage=S3 the files live in the bucket, clients fetch them from Media:PublicBaseUrl,
// and this service no longer serves /media. (The whole suite also runs on S3: PORTFOLIO_TEST_STORAGE=s3.)
public sealed class S3StorageTests(S3ApiFactory api) : IClassFixture<S3ApiFactory>
{
    [S3Fact]
    public async Task Files_are_served_from_the_bucket_with_their_type_and_long_caching_and_not_from_media()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var bytes = TestImages.Png(60, 40);

        var image = await MediaHttp.UploadOkAsync(client, bytes, "bucket.png");

        var url = image.GetProperty("f").GetString()!;
        Assert.StartsWith($"{api.MediaBaseUrl}/core_media/", url, StringComparison.Ordinal);
        var response = await MediaHttp.GetFileAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.All(image.GetProperty("thumbnails").EnumerateArray(), t => Assert.StartsWith(api.MediaBaseUrl, t.GetProperty("f").GetString(), StringComparison.Ordinal));
        await Drf.AssertErrorAsync(await client.GetAsync($"/media/{MediaHttp.KeyOf(api, url)}"), HttpStatusCode.NotFound, "Not found.");
    }

    [S3Fact]
    public async Task Readyz_answers_200_when_the_database_and_the_bucket_answer()
    {
        var response = await api.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [S3Fact]
    public async Task Readyz_answers_503_naming_the_storage_when_the_bucket_does_not_exist()
    {
        using var missing = new MissingBucket();

        var response = await missing.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("storage unreachable", json.RootElement.GetProperty("status").GetString());
    }

    private sealed class MissingBucket : S3ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Media:S3:Bucket"] = "no-such-bucket",
        };
    }
}
