using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portfolio.Api.Media;
using Portfolio.Api.Media.Storage;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// The S3 endpoint going away: uploads answer 503 quickly and leave no rows, and files written
// before the failure are removed, at once or as soon as the endpoint is back.
public sealed class S3OutageTests
{
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(5);

    [S3Fact]
    public async Task While_the_endpoint_is_stopped_uploads_answer_503_and_leave_no_rows_and_work_again_once_it_is_back()
    {
        await using var moto = await MotoServer.StartAsync();
        using var api = new OnEndpoint(() => Task.FromResult(moto));
        var client = await api.ClientForAsync(Role.Staff4222);
        await MediaHttp.UploadOkAsync(client, TestImages.Png(30, 20), "before.png");
        var rows = await MediaHttp.RowCountsAsync(api);

        await moto.StopAsync();

        await AssertUnavailableAsync(client);
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

    [S3Fact]
    public async Task An_upload_cut_off_mid_way_answers_503_and_removes_the_files_it_had_written()
    {
        await using var endpoint = await FaultyS3Endpoint.StartAsync((await MotoServer.SharedAsync()).Url);
        using var api = new OnEndpoint(MotoServer.SharedAsync, endpoint.Url);
        var client = await api.ClientForAsync(Role.Staff4222);

        // The original and one thumbnail are written; then writes fail while deletes still work.
        endpoint.FailPutsAfter(2);
        await AssertUnavailableAsync(client);

        Assert.Equal((0, 0), await MediaHttp.RowCountsAsync(api));
        Assert.Empty(await KeysInBucketAsync(api));
    }

    [S3Fact]
    public async Task An_endpoint_that_dies_mid_upload_keeps_nothing_of_it_once_it_is_back()
    {
        await using var endpoint = await FaultyS3Endpoint.StartAsync((await MotoServer.SharedAsync()).Url);
        using var api = new OnEndpoint(MotoServer.SharedAsync, endpoint.Url);
        var client = await api.ClientForAsync(Role.Staff4222);

        endpoint.GoDownAfterPuts(2);
        await AssertUnavailableAsync(client);

        Assert.Equal((0, 0), await MediaHttp.RowCountsAsync(api));
        Assert.Equal(2, (await KeysInBucketAsync(api)).Count);

        endpoint.Restore();
        var deadline = Stopwatch.StartNew();
        while ((await KeysInBucketAsync(api)).Count > 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the files written before the outage are still in the bucket");
            await Task.Delay(200);
        }
    }

    private static async Task AssertUnavailableAsync(HttpClient client)
    {
        var clock = Stopwatch.StartNew();
        var response = await MediaHttp.UploadAsync(client, TestImages.Png(30, 20), "during.png");

        await Drf.AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, "The file storage is unavailable.");
        Assert.True(clock.Elapsed < FailFast, $"answered in {clock.ElapsedMilliseconds} ms");
    }

    // Straight from moto, around the endpoint under test.
    private static async Task<IReadOnlyList<string>> KeysInBucketAsync(ApiFactory api)
    {
        var options = new MediaOptions { Storage = MediaOptions.S3Storage };
        options.S3.Bucket = api.Bucket;
        options.S3.ServiceUrl = new Uri((await MotoServer.SharedAsync()).Url);
        options.S3.ForcePathStyle = true;
        using var store = new S3FileStore(Options.Create(options), NullLogger<S3FileStore>.Instance);
        return await ApiFactory.KeysInAsync(store);
    }

    // A bucket on the given moto, reached through serviceUrl when one is given.
    private sealed class OnEndpoint(Func<Task<MotoServer>> moto, string? serviceUrl = null) : ApiFactory(moto)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => serviceUrl is null
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["Media:S3:ServiceUrl"] = serviceUrl };
    }
}
