using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Http;
using Portfolio.Api.Media.Storage;
using Portfolio.Api.Tests.Employers;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;
using Xunit.Abstractions;

namespace Portfolio.Api.Tests.Reliability;

// The media folder, or the SQLite database's folder, on a tmpfs filled to the brim: uploads and
// writes that need the space answer 507 Insufficient Storage in the DRF shape, leave no partial
// file and no row, the database stays sound, and once the filler is deleted the same service
// (no restart) takes uploads and writes again.
public sealed class FullDiskTests(ITestOutputHelper output)
{
    private const string DatabaseFull = DrfErrors.DatabaseFullDetail;

    [FullDiskFact]
    public async Task Uploads_to_a_full_media_disk_answer_507_leave_no_partial_file_and_work_again_once_space_is_freed()
    {
        using var disk = Tmpfs.Mount("8m");
        using var api = new FullDiskApi(mediaRoot: disk.Path);
        var client = await api.ClientForAsync(Role.Staff4222);
        var before = await MediaHttp.UploadOkAsync(client, TestImages.Jpeg(600, 400), "before.jpg");

        disk.Fill();

        for (var i = 0; i < 3; i++)
        {
            await Drf.AssertErrorAsync(await MediaHttp.UploadAsync(client, TestImages.Jpeg(600, 400), $"full-{i}.jpg"), HttpStatusCode.InsufficientStorage, StorageFullException.Detail);
        }

        // Nothing of the refused uploads: no row, no file, not even a half-written temporary one.
        Assert.Equal((1, 4), await MediaHttp.RowCountsAsync(api));
        Assert.Equal(await ReferencedAsync(api), [.. Directory.EnumerateFiles(Path.Combine(disk.Path, "core_media"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(disk.Path, f)).Order(StringComparer.Ordinal)]);

        // What needs no media space goes on.
        var employer = await EmployerHttp.CreateAsync(client, EmployerHttp.Unique("media full"), image: before.GetProperty("id").GetInt64());

        disk.Free();

        var after = await MediaHttp.UploadOkAsync(client, TestImages.Jpeg(600, 400), "after.jpg");
        await MediaHttp.AssertThumbnailsAsync(client, after, 600, 400);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{EmployerHttp.Url}/{EmployerHttp.Id(employer)}")).StatusCode);
    }

    [FullDiskFact]
    public async Task Writes_and_uploads_on_a_full_database_disk_answer_507_leave_no_row_or_file_and_work_again_once_space_is_freed()
    {
        using var disk = Tmpfs.Mount("16m");
        using var api = new FullDiskApi(database: new SqliteTestDatabase(Path.Combine(disk.Path, "portfolio.db")));
        var client = await api.ClientForAsync(Role.Staff4222);
        var stock = await EmployerHttp.CreateAsync(client, EmployerHttp.Unique("stock"));

        disk.Fill();

        // A write may still fit in pages the database file or its log already hold: each answers
        // 201 until one finds no room.
        var created = await WritesUntilRefusedAsync(() => EmployerHttp.PostAsync(client, EmployerHttp.Body(new { name = EmployerHttp.Unique("full"), description = new string('x', 5000) })));
        var uploaded = await WritesUntilRefusedAsync(() => MediaHttp.UploadAsync(client, TestImages.Jpeg(600, 400), "full.jpg"));
        await Drf.AssertErrorAsync(await EmployerHttp.PatchAsync(client, EmployerHttp.Id(stock), EmployerHttp.Body(new { description = new string('y', 5000) })), HttpStatusCode.InsufficientStorage, DatabaseFull);

        // Reads go on; every acknowledged write is there, nothing of a refused one.
        Assert.Equal(EmployerHttp.Id(stock), EmployerHttp.Id(await EmployerHttp.RetrieveAsync(client, EmployerHttp.Id(stock))));
        Assert.Null((await EmployerHttp.RetrieveAsync(client, EmployerHttp.Id(stock))).GetProperty("description").GetString());
        Assert.Equal([EmployerHttp.Id(stock), .. created], await api.WithDbAsync(db => db.Employers.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync()));
        Assert.Equal(uploaded, await api.WithDbAsync(db => db.Images.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync()));
        Assert.Equal(await ReferencedAsync(api), (await api.StoredKeysAsync()).Order(StringComparer.Ordinal));
        Assert.Equal("ok", await IntegrityAsync(api.DatabasePath!));

        output.WriteLine($"on the full disk: {created.Count} writes and {uploaded.Count} uploads fitted before the first 507");
        disk.Free();

        await EmployerHttp.CreateAsync(client, EmployerHttp.Unique("after"), description: new string('z', 5000));
        await MediaHttp.UploadOkAsync(client, TestImages.Jpeg(600, 400), "after.jpg");
        Assert.Equal("ok", await IntegrityAsync(api.DatabasePath!));
    }

    // Sends until the answer is 507 (at most 200 times); every answer before it is 201. Answers the
    // ids of the 201s.
    private static async Task<List<long>> WritesUntilRefusedAsync(Func<Task<HttpResponseMessage>> send)
    {
        var created = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var response = await send();
            if (response.StatusCode == HttpStatusCode.InsufficientStorage)
            {
                await Drf.AssertErrorAsync(response, HttpStatusCode.InsufficientStorage, DatabaseFull);
                return created;
            }

            created.Add(EmployerHttp.Id(await EmployerHttp.ReadAsync(response, HttpStatusCode.Created)));
        }

        throw new InvalidOperationException("200 writes fitted on a disk filled to the brim.");
    }

    private static Task<List<string>> ReferencedAsync(ApiFactory api) => api.WithDbAsync(async db =>
        (await db.Images.Select(i => i.File).ToListAsync()).Concat(await db.Thumbnails.Select(t => t.File).ToListAsync()).Order(StringComparer.Ordinal).ToList());

    private static async Task<string?> IntegrityAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string?)await command.ExecuteScalarAsync();
    }

    // Media in the given folder, or the database in the given file; the rest as usual.
    private sealed class FullDiskApi(string? mediaRoot = null, TestDatabase? database = null) : ApiFactory(s3: null, database)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => mediaRoot is null
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?> { ["Media:Root"] = mediaRoot };
    }
}
