using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// The S3 endpoint stopped and started again: uploads answer 503 quickly and leave no rows while it
// is down, /readyz names the storage, and uploads work again once it is back, with no restart.
public sealed class S3EndpointDownTests
{
    [S3Fact]
    public async Task While_the_endpoint_is_stopped_uploads_answer_503_and_leave_no_rows_and_work_again_once_it_is_back()
    {
        await using var moto = await MotoServer.StartAsync();
        using var api = new S3Api(() => Task.FromResult(moto));
        var client = await api.ClientForAsync(Role.Staff4222);
        await MediaHttp.UploadOkAsync(client, TestImages.Png(30, 20), "before.png");
        var rows = await MediaHttp.RowCountsAsync(api);

        await moto.StopAsync();

        await AssertStorageUnavailableAsync(client);
        Assert.Equal(rows, await MediaHttp.RowCountsAsync(api));
        var ready = await api.CreateClient().GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("storage unreachable", JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());

        // moto keeps buckets in memory only: the restarted endpoint needs the bucket again.
        await moto.StartAgainAsync();
        await moto.CreateBucketAsync(api.Bucket);

        await MediaHttp.UploadOkAsync(client, TestImages.Png(30, 20), "after.png");
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/readyz")).StatusCode);
    }

    // An upload that the storage fails answers 503 within seconds, not after the SDK's backoff.
    public static async Task AssertStorageUnavailableAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        var response = await MediaHttp.UploadAsync(client, TestImages.Png(30, 20), "during.png");

        await Drf.AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "The file storage is unavailable.");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"answered in {clock.ElapsedMilliseconds} ms");
    }
}

// A bucket of its own on the given moto, reached through serviceUrl when one is given.
internal sealed class S3Api(Func<Task<MotoServer>> moto, string? serviceUrl = null) : ApiFactory(moto)
{
    protected override IReadOnlyDictionary<string, string?> Settings => serviceUrl is null
        ? new Dictionary<string, string?>()
        : new Dictionary<string, string?> { ["Media:S3:ServiceUrl"] = serviceUrl };
}
