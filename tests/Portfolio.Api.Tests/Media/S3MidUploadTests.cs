using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portfolio.Api.Media;
using Portfolio.Api.Media.Storage;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// The S3 endpoint failing after an upload has written some of its five files: the upload answers
// 503 and leaves no rows, and its files go, at once or as soon as the endpoint is back.
public sealed class S3MidUploadTests : IAsyncLifetime, IDisposable
{
    private FaultyS3Endpoint _endpoint = null!;
    private S3Api _api = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _endpoint = await FaultyS3Endpoint.StartAsync((await MotoServer.SharedAsync()).Url);
        _api = new S3Api(MotoServer.SharedAsync, _endpoint.Url);
        _client = await _api.ClientForAsync(Role.Staff4222);
    }

    public Task DisposeAsync() => _endpoint.DisposeAsync().AsTask();

    public void Dispose() => _api.Dispose();

    [S3Fact]
    public async Task An_upload_whose_writes_fail_mid_way_answers_503_and_removes_the_files_it_had_written()
    {
        // The original and one thumbnail are written; then writes fail while deletes still work.
        _endpoint.FailPutsAfter(2);

        await S3EndpointDownTests.AssertStorageUnavailableAsync(_client);

        Assert.Equal((0, 0), await MediaHttp.RowCountsAsync(_api));
        Assert.Empty(await KeysInBucketAsync());
    }

    [S3Fact]
    public async Task An_endpoint_that_dies_mid_upload_keeps_nothing_of_it_once_it_is_back()
    {
        _endpoint.GoDownAfterPuts(2);

        await S3EndpointDownTests.AssertStorageUnavailableAsync(_client);

        Assert.Equal((0, 0), await MediaHttp.RowCountsAsync(_api));
        Assert.Equal(2, (await KeysInBucketAsync()).Count);
        _endpoint.Restore();
        var deadline = Stopwatch.StartNew();
        while ((await KeysInBucketAsync()).Count > 0)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the files written before the outage are still in the bucket");
            await Task.Delay(200);
        }
    }

    // Straight from moto, around the failing endpoint.
    private async Task<IReadOnlyList<string>> KeysInBucketAsync()
    {
        var options = new MediaOptions { Storage = MediaOptions.S3Storage };
        options.S3.Bucket = _api.Bucket;
        options.S3.ServiceUrl = new Uri((await MotoServer.SharedAsync()).Url);
        options.S3.ForcePathStyle = true;
        using var store = new S3FileStore(Options.Create(options), NullLogger<S3FileStore>.Instance);
        return await ApiFactory.KeysInAsync(store);
    }
}
