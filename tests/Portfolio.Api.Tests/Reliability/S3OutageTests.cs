using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Media.Storage;
using Portfolio.Api.Tests.Employers;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;
using Xunit.Abstractions;

namespace Portfolio.Api.Tests.Reliability;

// The object store stopped for 10 s under concurrent uploads and creates of employers with
// images. Uploads answer the contract's 503 quickly while it is down and succeed again within
// 5 s of its return, with no restart; creates, which need only the database, never fail; no row
// names a file the bucket lacks, every acknowledged upload has its five files, and whatever the
// bucket holds without a row is found by cleanup-media. The store is the test's own moto behind
// FaultyS3Endpoint, which stops as a killed process would; moto itself keeps what was stored,
// as a real store does through a restart and moto's own restart would not.
[Collection(ReliabilityCollection.Name)]
public sealed class S3OutageTests(ITestOutputHelper output)
{
    // The SDK retries a refused connection once.
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(5);

    [S3Fact]
    public async Task Uploads_through_a_10_second_storage_stop_answer_503_store_nothing_by_halves_and_succeed_within_5_seconds_of_its_return()
    {
        var test = Stopwatch.StartNew();
        await using var moto = await MotoServer.StartAsync();
        await using var endpoint = await FaultyS3Endpoint.StartAsync(moto.Url);
        using var api = new S3Api(() => Task.FromResult(moto), endpoint.Url);
        var client = await api.ClientForAsync(Role.Staff4222);
        var kept = (await MediaHttp.UploadOkAsync(client, TestImages.Png(30, 20), "kept.png")).GetProperty("id").GetInt64();

        var setUp = test.Elapsed;
        var clock = Stopwatch.StartNew();
        using var stopLoad = new CancellationTokenSource();
        var load = Enumerable.Range(0, 3).Select(i => UploadAsync(client, clock, i, stopLoad.Token))
            .Concat(Enumerable.Range(3, 2).Select(i => CreateWithImageAsync(client, clock, i, kept, stopLoad.Token))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var stopping = clock.Elapsed;
        await endpoint.StopAsync();
        var down = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var starting = clock.Elapsed;
        await endpoint.StartAgainAsync();
        var back = clock.Elapsed;
        await Task.Delay(Refusals.Recovery + TimeSpan.FromSeconds(1));
        await stopLoad.CancelAsync();
        var calls = (await Task.WhenAll(load)).SelectMany(c => c).ToList();

        var uploads = calls.Where(c => c.Kind == CallKind.Upload).ToList();
        var refusals = calls.Where(c => !c.Succeeded).ToList();
        output.WriteLine($"{uploads.Count} uploads and {calls.Count - uploads.Count} creates, " +
            $"{uploads.Count(c => c.Start > down && c.End < starting)} uploads while the store was down, " +
            Refusals.Figures(refusals, stopping, back));
        Assert.All(calls, c => Assert.True(c.Succeeded || (c.Kind == CallKind.Upload && c.Status == HttpStatusCode.ServiceUnavailable), c.ToString()));
        await Refusals.AssertCleanAsync(refusals, StorageUnavailableException.Detail, FailFast, stopping);

        var whileDown = uploads.Where(c => c.Start > down && c.End < starting).ToList();
        Assert.True(whileDown.Count > 10, $"only {whileDown.Count} uploads while the store was down");
        Assert.All(whileDown, c => Assert.True(c.Status == HttpStatusCode.ServiceUnavailable, $"while down: {c}"));
        Refusals.AssertRecovered([.. uploads.Where(c => c.Start > back + Refusals.Recovery)], back);

        await AssertStoredWholeAsync(api, calls);
        output.WriteLine($"{test.Elapsed.TotalSeconds:F0} s in all, {setUp.TotalSeconds:F0} s of it setting up");
        Assert.True(clock.Elapsed < Refusals.Bound, $"the outage and its checks took {clock.Elapsed.TotalSeconds:F0} s");
    }

    // Every acknowledged upload has its rows and its five files, and every acknowledged create its
    // image; no row names a missing file; what the bucket holds beyond the rows, once the files
    // queued for deletion are gone, cleanup-media reports and removes.
    private async Task AssertStoredWholeAsync(S3Api api, List<Call> calls)
    {
        var referenced = await api.WithDbAsync(async db =>
            (await db.Images.Select(i => i.File).ToListAsync()).Concat(await db.Thumbnails.Select(t => t.File).ToListAsync()).ToHashSet());
        var images = await api.WithDbAsync(db => db.Images.Select(i => i.Id).ToListAsync());
        var employers = await api.WithDbAsync(db => db.Employers.ToDictionaryAsync(e => e.Id, e => e.ImageId));
        var acknowledged = calls.Where(c => c.Kind == CallKind.Upload && c.Succeeded).ToList();
        foreach (var upload in acknowledged)
        {
            Assert.Contains(upload.Id!.Value, images);
            var files = upload.Body!.Value.GetProperty("thumbnails").EnumerateArray().Select(t => t.GetProperty("f").GetString()!)
                .Prepend(upload.Body.Value.GetProperty("f").GetString()!).Select(url => MediaHttp.KeyOf(api, url)).ToList();
            Assert.Equal(5, files.Count);
            Assert.All(files, key => Assert.Contains(key, referenced));
        }

        Assert.All(calls.Where(c => c.Kind == CallKind.Create), c =>
            Assert.Equal(c.Body!.Value.GetProperty("image_data").GetProperty("id").GetInt64(), employers[c.Id!.Value]));

        var stored = await SettledKeysAsync(api, referenced);
        Assert.Empty(referenced.Except(stored));
        var unreferenced = stored.Except(referenced).ToList();
        var cleanup = await ManagementCommand.RunAsync(api, "", new Dictionary<string, string?> { ["Media__OrphanMinimumAge"] = "00:00:00" }, "cleanup-media");
        output.WriteLine($"{acknowledged.Count} uploads acknowledged, each with its 5 files; {referenced.Count} files referenced, " +
            $"{unreferenced.Count} in the bucket without a row; cleanup-media: {cleanup.Output.Trim().Split('\n')[^1]}");
        Assert.True(cleanup.ExitCode == 0, cleanup.Output + cleanup.Error);
        Assert.All(unreferenced, key => Assert.Contains($"orphan file: {key} ", cleanup.Output, StringComparison.Ordinal));
        Assert.Contains(" 0 missing files.", cleanup.Output, StringComparison.Ordinal);
        Assert.Equal(referenced.Order(StringComparer.Ordinal), (await api.StoredKeysAsync()).Order(StringComparer.Ordinal));
    }

    // The bucket's keys once the deletes queued during the outage are done: they are retried
    // every 2 s, so one more round after a listing that still has extra keys is enough.
    private static async Task<HashSet<string>> SettledKeysAsync(S3Api api, HashSet<string> referenced)
    {
        var keys = (await api.StoredKeysAsync()).ToHashSet();
        if (keys.SetEquals(referenced))
        {
            return keys;
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        return (await api.StoredKeysAsync()).ToHashSet();
    }

    private static async Task<List<Call>> UploadAsync(HttpClient client, Stopwatch clock, int worker, CancellationToken stop)
    {
        var calls = new List<Call>();
        while (!stop.IsCancellationRequested)
        {
            calls.Add(await Call.TimeAsync(clock, worker, CallKind.Upload, () => MediaHttp.UploadAsync(client, TestImages.Png(30, 20), $"{Guid.NewGuid():N}.png")));
            await Task.Delay(10, CancellationToken.None);
        }

        return calls;
    }

    // An employer with a new image when the upload succeeds, else with the image uploaded before.
    private static async Task<List<Call>> CreateWithImageAsync(HttpClient client, Stopwatch clock, int worker, long kept, CancellationToken stop)
    {
        var calls = new List<Call>();
        while (!stop.IsCancellationRequested)
        {
            var upload = await Call.TimeAsync(clock, worker, CallKind.Upload, () => MediaHttp.UploadAsync(client, TestImages.Png(30, 20), $"{Guid.NewGuid():N}.png"));
            var image = upload.Succeeded ? upload.Id : kept;
            var body = EmployerHttp.Body(new { name = EmployerHttp.Unique("with image"), image });
            calls.Add(upload);
            calls.Add(await Call.TimeAsync(clock, worker, CallKind.Create, () => EmployerHttp.PostAsync(client, body)));
            await Task.Delay(10, CancellationToken.None);
        }

        return calls;
    }
}
