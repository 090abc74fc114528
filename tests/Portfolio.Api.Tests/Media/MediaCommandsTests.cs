using System.Text;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// The management commands, run as the operator runs them: the service's own executable, pointed
// at this test's database and media (folder or bucket), with files changed through the store.
// Each test has a service of its own, because the commands look at every row and file there is.
public sealed class MediaCommandsTests : IDisposable
{
    // Short, so that a file can grow old within the test (a bucket cannot backdate one), yet long
    // enough that the young file stays young through two command runs on a busy machine.
    private static readonly TimeSpan OrphanMinimumAge = TimeSpan.FromSeconds(20);

    private readonly Factory _api = new();

    [Fact]
    public async Task Cleanup_media_reports_orphans_and_missing_files_and_removes_old_orphans_unless_dry_run()
    {
        var client = await _api.ClientForAsync(Role.Staff4222);
        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "kept.png");
        var keptKey = KeyOf(image.GetProperty("f").GetString()!);
        var missingKey = KeyOf(image.GetProperty("thumbnails")[0].GetProperty("f").GetString()!);
        await _api.Store.DeleteAsync(missingKey, CancellationToken.None);
        const string orphan = "core_media/2020/01/01/orphan.png", young = "core_media/2020/01/01/young.png";
        await WriteAsync(orphan, "junk");
        await Task.Delay(OrphanMinimumAge + TimeSpan.FromSeconds(1));
        await WriteAsync(young, "junk");

        var dryRun = await RunAsync("cleanup-media", "--dry-run");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains($"orphan file: {orphan}", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains($"missing file: {missingKey}", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains($"recent, kept: {young}", dryRun.Output, StringComparison.Ordinal);
        Assert.True(await ExistsAsync(orphan));

        var cleanup = await RunAsync("cleanup-media");

        Assert.Equal(0, cleanup.ExitCode);
        // Other tests of this class may leave rows with missing files of their own in the same store.
        Assert.Matches(@"1 orphan files \(4 B\) removed; [1-9][0-9]* missing files\.", cleanup.Output);
        Assert.False(await ExistsAsync(orphan));
        Assert.True(await ExistsAsync(young));
        Assert.True(await ExistsAsync(keptKey));
    }

    [Fact]
    public async Task Regenerate_thumbnails_rebuilds_every_thumbnail_with_plain_progress_lines_when_not_on_a_terminal()
    {
        var client = await _api.ClientForAsync(Role.Staff4222);
        var image = await MediaHttp.UploadOkAsync(client, TestImages.Jpeg(300, 200, orientation: 6), "regenerated.jpg");
        var thumbnails = image.GetProperty("thumbnails").EnumerateArray().Select(t => KeyOf(t.GetProperty("f").GetString()!)).ToList();
        await _api.Store.DeleteAsync(thumbnails[0], CancellationToken.None);
        await WriteAsync(thumbnails[3], "damaged");

        var result = await RunAsync("regenerate-thumbnails");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"\[\d+/\d+\] core_media/\d{4}/\d{2}/\d{2}/regenerated(_[A-Za-z0-9]{7})?\.jpg: ok", result.Output);
        Assert.DoesNotContain("\r", result.Output, StringComparison.Ordinal);
        await MediaHttp.AssertThumbnailsAsync(client, image, 300, 200);
    }

    [Fact]
    public async Task Regenerate_thumbnails_reports_an_image_whose_original_is_missing_and_fails()
    {
        var client = await _api.ClientForAsync(Role.Staff4222);
        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(30, 20), "lost.png");
        await _api.Store.DeleteAsync(KeyOf(image.GetProperty("f").GetString()!), CancellationToken.None);

        var result = await RunAsync("regenerate-thumbnails");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("lost.png: original file is missing", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _api.Dispose();

    private async Task WriteAsync(string key, string content) =>
        await _api.Store.SaveAsync(key, Encoding.UTF8.GetBytes(content), overwrite: true, CancellationToken.None);

    private Task<bool> ExistsAsync(string key) => _api.Store.ExistsAsync(key, CancellationToken.None);

    private string KeyOf(string url) => MediaHttp.KeyOf(_api, url);

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var result = await ManagementCommand.RunAsync(_api, "", args);
        return (result.ExitCode, result.Output + result.Error);
    }

    private sealed class Factory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Media:OrphanMinimumAge"] = OrphanMinimumAge.ToString(),
        };
    }
}
