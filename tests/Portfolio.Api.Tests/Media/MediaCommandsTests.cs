using System.Diagnostics;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// The management commands, run as the operator runs them: the service's own executable, pointed
// at this test's database and media root. Each test has a service of its own, because the
// commands look at every row and file there is.
public sealed class MediaCommandsTests : IDisposable
{
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task Cleanup_media_reports_orphans_and_missing_files_and_removes_old_orphans_unless_dry_run()
    {
        var client = await _api.ClientForAsync(Role.Staff4222);
        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "kept.png");
        var keptKey = KeyOf(image.GetProperty("f").GetString()!);
        var missingKey = KeyOf(image.GetProperty("thumbnails")[0].GetProperty("f").GetString()!);
        File.Delete(PathOf(missingKey));
        var orphan = Write("core_media/2020/01/01/orphan.png", DateTime.UtcNow.AddDays(-2));
        var young = Write("core_media/2020/01/01/young.png", DateTime.UtcNow);

        var dryRun = await RunAsync("cleanup-media", "--dry-run");

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("orphan file: core_media/2020/01/01/orphan.png", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains($"missing file: {missingKey}", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains("recent, kept: core_media/2020/01/01/young.png", dryRun.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(orphan));

        var cleanup = await RunAsync("cleanup-media");

        Assert.Equal(0, cleanup.ExitCode);
        Assert.Contains("1 orphan files (4 B) removed; 1 missing files.", cleanup.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(young));
        Assert.True(File.Exists(PathOf(keptKey)));
    }

    [Fact]
    public async Task Regenerate_thumbnails_rebuilds_every_thumbnail_with_plain_progress_lines_when_not_on_a_terminal()
    {
        var client = await _api.ClientForAsync(Role.Staff4222);
        var image = await MediaHttp.UploadOkAsync(client, TestImages.Jpeg(300, 200, orientation: 6), "regenerated.jpg");
        var thumbnails = image.GetProperty("thumbnails").EnumerateArray().Select(t => KeyOf(t.GetProperty("f").GetString()!)).ToList();
        File.Delete(PathOf(thumbnails[0]));
        await File.WriteAllTextAsync(PathOf(thumbnails[3]), "damaged");

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
        File.Delete(PathOf(KeyOf(image.GetProperty("f").GetString()!)));

        var result = await RunAsync("regenerate-thumbnails");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("lost.png: original file is missing", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _api.Dispose();

    private string Write(string key, DateTime modified)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "junk");
        File.SetLastWriteTimeUtc(path, modified);
        return path;
    }

    private string PathOf(string key) => Path.Combine(_api.MediaRoot, key);

    private static string KeyOf(string url) => Uri.UnescapeDataString(new Uri(url).AbsolutePath)["/media/".Length..];

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portfolio.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in _api.Database.ServiceEnvironment)
        {
            start.Environment[key] = value;
        }

        start.Environment["Media__Root"] = _api.MediaRoot;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
