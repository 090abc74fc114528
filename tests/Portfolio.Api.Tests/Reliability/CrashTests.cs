using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.Employers;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;
using Xunit.Abstractions;

namespace Portfolio.Api.Tests.Reliability;

// kill -9 of the service process while it takes 50 uploads and 50 employer writes, then a restart
// on the same database and media, ten rounds over: no row points at a missing file, every write
// answered 201/200 before the kill is there with its data, and cleanup-media lists (dry run) and
// then removes exactly the files that no row references. PORTFOLIO_CRASH_SEED repeats a run.
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Rounds = 10;

    [Fact]
    public async Task Kill_9_mid_writes_loses_no_acknowledged_write_leaves_no_row_without_its_files_and_cleanup_media_removes_every_orphan()
    {
        var clock = Stopwatch.StartNew();
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PORTFOLIO_CRASH_SEED"), out var given) ? given : Random.Shared.Next();
        var random = new Random(seed);
        using var media = await ServiceMedia.CreateAsync();
        await using var service = await ServiceProcess.StartAsync(settings: media.Settings);
        var token = await service.AdminTokenAsync();
        byte[][] files = [TestImages.Jpeg(600, 400), TestImages.Jpeg(300, 200, orientation: 6), TestImages.Png(120, 80)];
        var (images, employers) = await StockAsync(service, token, files);
        var (acknowledged, unavailable, cutOff, cutOffUploads) = (0, 0, 0, 0);

        for (var round = 1; round <= Rounds; round++)
        {
            var phase = Stopwatch.StartNew();
            var writes = new CrashRound(round, random, files, images, employers);
            var run = writes.RunAsync(service.BaseUrl, token);
            await writes.KillNow;
            await Task.Delay(random.Next(20));
            await service.KillAsync();
            await run;
            var killedAt = phase.Elapsed;
            await service.RestartAsync();
            var restartedAt = phase.Elapsed;

            var answered = writes.Calls.Where(c => c.Status is not null).ToList();
            // On a busy machine a write may wait out the database's or the store's timeout: a 503, in doubt.
            var faults = answered.Where(c => !c.Acknowledged && !c.Unavailable).ToList();
            Assert.True(faults.Count == 0, $"round {round}, seed {seed}: {string.Join('\n', faults)}\nservice said:\n{Warnings(service)}");
            await AssertStoredAsync(service, media, writes.Calls.Where(c => c.Acknowledged).ToList(), $"round {round}, seed {seed}");
            images.AddRange(writes.Calls.Where(c => c is { Kind: CrashCall.Upload, Acknowledged: true }).Select(c => c.Id));
            employers.AddRange(writes.Calls.Where(c => c is { Kind: CrashCall.Create, Acknowledged: true }).Select(c => c.Id));
            acknowledged += answered.Count(c => c.Acknowledged);
            unavailable += answered.Count(c => c.Unavailable);
            cutOff += writes.Calls.Length - answered.Count;
            cutOffUploads += writes.Calls.Count(c => c is { Kind: CrashCall.Upload, Status: null });
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: {answered.Count(c => c.Acknowledged)} acknowledged, {answered.Count(c => c.Unavailable)} answered 503, {writes.Calls.Length - answered.Count} cut off; killed at {killedAt.TotalSeconds:F1} s, up again at {restartedAt.TotalSeconds:F1} s, checked at {phase.Elapsed.TotalSeconds:F1} s"));
        }

        var orphans = await AssertCleanupRemovesExactlyTheOrphansAsync(service, media);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {Rounds} rounds, {acknowledged} writes acknowledged, {unavailable} answered 503, {cutOff} cut off ({cutOffUploads} uploads), {orphans} orphans found and removed, {clock.Elapsed.TotalSeconds:F1} s"));
    }

    private static string Warnings(ServiceProcess service) =>
        string.Join('\n', service.Output.Split('\n').Where(l => l.Contains("unavailable", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase)).TakeLast(10));

    // Images to refer to and employers to change, all acknowledged before the first kill.
    private static async Task<(List<long> Images, List<long> Employers)> StockAsync(ServiceProcess service, string token, byte[][] files)
    {
        using var http = new HttpClient { BaseAddress = new Uri(service.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new("Token", token);
        var images = new List<long>();
        foreach (var file in files)
        {
            images.Add((await MediaHttp.UploadOkAsync(http, file, "stock.jpg")).GetProperty("id").GetInt64());
        }

        var employers = await Task.WhenAll(Enumerable.Range(0, CrashRound.Changes)
            .Select(async i => EmployerHttp.Id(await EmployerHttp.CreateAsync(http, EmployerHttp.Unique("stock"), image: images[i % images.Count]))));
        return (images, [.. employers]);
    }

    private static async Task AssertStoredAsync(ServiceProcess service, ServiceMedia media, IReadOnlyList<CrashCall> acknowledged, string when)
    {
        await using var db = service.Database.Open();
        var images = await db.Images.AsNoTracking().Include(i => i.Thumbnails).ToDictionaryAsync(i => i.Id);
        var employers = await db.Employers.AsNoTracking().ToDictionaryAsync(e => e.Id);
        var stored = await media.KeysAsync();

        var pointingAtNothing = images.Values
            .SelectMany(i => i.Thumbnails.Select(t => t.File).Prepend(i.File).Where(f => !stored.Contains(f)).Select(f => $"image {i.Id}: {f}"))
            .Concat(images.Values.Where(i => i.Thumbnails.Count != 4).Select(i => $"image {i.Id}: {i.Thumbnails.Count} thumbnails"))
            .ToList();
        Assert.True(pointingAtNothing.Count == 0, $"{when}: rows without their files:\n{string.Join('\n', pointingAtNothing)}");

        foreach (var call in acknowledged)
        {
            var found = call.Kind switch
            {
                CrashCall.Upload => images.TryGetValue(call.Id, out var image) && call.FileUrl.EndsWith($"/{image.File}", StringComparison.Ordinal),
                CrashCall.Create => employers.TryGetValue(call.Id, out var employer) && (employer.Name, employer.Description, employer.ImageId) == (call.Name, call.Description, call.Image),
                _ => employers.TryGetValue(call.Employer!.Value, out var changed) && (changed.Description, changed.ImageId) == (call.Description, call.Image),
            };
            Assert.True(found, $"{when}: an acknowledged write is lost: {call}");
        }
    }

    // Dry run first: it lists every unreferenced file and removes none; then the real run removes
    // exactly those. Answers how many there were.
    private static async Task<int> AssertCleanupRemovesExactlyTheOrphansAsync(ServiceProcess service, ServiceMedia media)
    {
        HashSet<string> referenced;
        await using (var db = service.Database.Open())
        {
            referenced = [.. await db.Images.Select(i => i.File).ToListAsync(), .. await db.Thumbnails.Select(t => t.File).ToListAsync()];
        }

        var before = await media.KeysAsync();
        var orphans = before.Except(referenced).Order(StringComparer.Ordinal).ToList();

        var dryRun = await ManagementCommand.RunAsync(service, "cleanup-media", "--dry-run");

        Assert.True(dryRun.ExitCode == 0, dryRun.Output + dryRun.Error);
        var listed = dryRun.Output.Split('\n').Where(l => l.StartsWith("orphan file: ", StringComparison.Ordinal))
            .Select(l => l["orphan file: ".Length..l.LastIndexOf(" (", StringComparison.Ordinal)]).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(orphans, listed);
        Assert.Contains($"{orphans.Count} orphan files", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("; 0 missing files.", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal(before, await media.KeysAsync());

        var cleanup = await ManagementCommand.RunAsync(service, "cleanup-media");

        Assert.True(cleanup.ExitCode == 0, cleanup.Output + cleanup.Error);
        Assert.Contains($"{orphans.Count} orphan files", cleanup.Output, StringComparison.Ordinal);
        Assert.Equal(referenced.Order(StringComparer.Ordinal), (await media.KeysAsync()).Order(StringComparer.Ordinal));
        return orphans.Count;
    }
}
