using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

// Where uploads land: core_media/YYYY/MM/DD/<safe name>.<detected ext>, a taken name suffixed,
// never outside the media folder or bucket prefix, whatever the client called the file.
public sealed partial class StoredNameTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [GeneratedRegex(@"^core_media/\d{4}/\d{2}/\d{2}/(?<file>[^/]+)$")]
    private static partial Regex OriginalKey();

    [Fact]
    public async Task A_Persian_file_name_is_kept_in_the_name_and_the_stored_file()
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "همکاران سیستم.png");

        Assert.Equal("همکاران سیستم.png", image.GetProperty("name").GetString());
        Assert.Equal("همکاران_سیستم.png", StoredFileName(image));
        Assert.True(await api.Store.ExistsAsync(KeyOf(image), CancellationToken.None));
    }

    [Fact]
    public async Task A_long_name_in_a_wide_script_fits_the_file_system_with_its_thumbnail_names()
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), new string('图', 80) + ".png");

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(StoredFileName(image)) <= 160);
        Assert.True(await api.Store.ExistsAsync(KeyOf(image), CancellationToken.None));
    }

    [Fact]
    public async Task The_name_field_is_the_display_name_and_the_file_name_still_names_the_file()
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "technology.png", name: "technology");

        Assert.Equal("technology", image.GetProperty("name").GetString());
        Assert.Matches(@"^technology(_[A-Za-z0-9]{7})?\.png$", StoredFileName(image));
    }

    [Theory]
    [InlineData("../../evil.png", "evil.png")]
    [InlineData("..\\..\\evil.png", "evil.png")]
    [InlineData("/etc/passwd.png", "passwd.png")]
    [InlineData("C:\\Windows\\System32\\evil.png", "evil.png")]
    [InlineData("....//....//evil.png", "evil.png")]
    [InlineData("..", "..")]
    [InlineData(".htaccess", ".htaccess")]
    [InlineData("a/../../b.png", "b.png")]
    [InlineData("%2e%2e%2fevil.png", "%2e%2e%2fevil.png")]
    [InlineData("evil\u0001\u001f.png", "evil\u0001\u001f.png")]
    public async Task A_traversal_name_is_reduced_to_a_safe_file_inside_the_media_root(string fileName, string displayName)
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), fileName);

        Assert.Equal(displayName, image.GetProperty("name").GetString());
        var stored = StoredFileName(image);
        Assert.DoesNotContain("..", stored, StringComparison.Ordinal);
        Assert.False(stored.StartsWith('.'));
        Assert.DoesNotContain(stored, char.IsControl);
        Assert.EndsWith(".png", stored, StringComparison.Ordinal);
        Assert.True(await api.Store.ExistsAsync(KeyOf(image), CancellationToken.None));
        if (api.MediaRoot is { } root)
        {
            var path = Path.GetFullPath(Path.Combine(root, KeyOf(image)));
            Assert.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(root)!, "evil.png")));
        }
    }

    [Fact]
    public async Task The_same_name_twice_keeps_both_files_the_second_with_a_random_suffix()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var first = TestImages.Png(40, 30);
        var second = TestImages.Jpeg(50, 20);

        var one = await MediaHttp.UploadOkAsync(client, first, "twice.png");
        var two = await MediaHttp.UploadOkAsync(client, TestImages.Solid(40, 30, TestImages.Grey).PngsaveBuffer(), "twice.png");
        var three = await MediaHttp.UploadOkAsync(client, second, "twice.png");

        Assert.Equal("twice.png", StoredFileName(one));
        Assert.Matches(@"^twice_[A-Za-z0-9]{7}\.png$", StoredFileName(two));

        // twice.jpg is free, but its thumbnails would take twice.png's: it is suffixed too.
        Assert.Matches(@"^twice_[A-Za-z0-9]{7}\.jpg$", StoredFileName(three));
        Assert.Equal(first, await MediaHttp.DownloadAsync(client, one.GetProperty("f").GetString()!));
        Assert.Equal(second, await MediaHttp.DownloadAsync(client, three.GetProperty("f").GetString()!));
        var thumbnailUrls = new[] { one, two, three }.SelectMany(i => i.GetProperty("thumbnails").EnumerateArray()).Select(t => t.GetProperty("f").GetString()).ToList();
        Assert.Equal(12, thumbnailUrls.Distinct().Count());
    }

    [Fact]
    public async Task Eight_uploads_of_one_name_at_once_keep_eight_files()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var files = Enumerable.Range(0, 8).Select(i => TestImages.Solid(30 + i, 20, [i * 30, 100, 50]).PngsaveBuffer()).ToList();

        var images = await Task.WhenAll(files.Select(file => MediaHttp.UploadOkAsync(client, file, "same.png")));

        Assert.Equal(8, images.Select(StoredFileName).Distinct().Count());
        Assert.Single(images, i => StoredFileName(i) == "same.png");
        for (var i = 0; i < files.Count; i++)
        {
            Assert.Equal(30 + i, images[i].GetProperty("width").GetInt32());
            Assert.Equal(files[i], await MediaHttp.DownloadAsync(client, images[i].GetProperty("f").GetString()!));
        }
    }

    // Files are cached as immutable for a year: a name freed by a delete, through the API or in SQL,
    // is never given to another file, nor are the names of the deleted image's thumbnails.
    [Fact]
    public async Task A_name_freed_by_a_delete_is_never_given_to_another_file()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var stem = $"retired-{Guid.NewGuid():N}";
        var deleted = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), $"{stem}.png");
        var deletedInSql = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), $"{stem}-sql.png");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/core/media/{deleted.GetProperty("id").GetInt64()}")).StatusCode);
        var sqlId = deletedInSql.GetProperty("id").GetInt64();
        await api.WithDbAsync(db => db.Images.Where(i => i.Id == sqlId).ExecuteDeleteAsync());

        var again = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), $"{stem}.png");
        Assert.Matches($@"^{stem}_[A-Za-z0-9]{{7}}\.png$", StoredFileName(again));

        // The original's name is free, but the thumbnails' names were served: suffixed too.
        var sameThumbnails = await MediaHttp.UploadOkAsync(client, TestImages.Jpeg(50, 20), $"{stem}-sql.jpg");
        Assert.Matches($@"^{stem}-sql_[A-Za-z0-9]{{7}}\.jpg$", StoredFileName(sameThumbnails));
    }

    private string KeyOf(JsonElement image) => MediaHttp.KeyOf(api, image.GetProperty("f").GetString()!);

    private string StoredFileName(JsonElement image)
    {
        var match = OriginalKey().Match(KeyOf(image));
        Assert.True(match.Success, KeyOf(image));
        return match.Groups["file"].Value;
    }
}
