using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class MediaPageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 6";

    private async Task<(ConsoleBrowser Browser, HttpClient Api)> SignedInAsync()
    {
        var (browser, user) = await ConsoleBrowser.SignedInAsync(api, Role.Staff4222, Password);
        return (browser, api.ClientWithToken(user.Token));
    }

    private static async Task<long> UploadAsync(HttpClient client, string name) =>
        (await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), $"{name}.png", name)).GetProperty("id").GetInt64();

    // The page's delete form sent by the given image's button, whether or not the page offered it.
    private static async Task<HttpResponseMessage> DeleteAsync(ConsoleBrowser browser, long id)
    {
        var fields = ConsoleBrowser.HiddenFields(await browser.PageAsync("/admin/media?unused=1"), "delete-image")
            .Append(new("DeleteId", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return await browser.Client.PostAsync("/admin/media", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_library_lists_images_newest_first_with_the_employers_that_use_them()
    {
        var (browser, client) = await SignedInAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var used = await UploadAsync(client, $"used-{tag}");
        var unused = await UploadAsync(client, $"unused-{tag}");
        var employer = await Seed.EmployerAsync(api, $"کارفرمای رسانه {tag}");
        await api.WithDbAsync(db => db.Employers.Where(e => e.Id == employer.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ImageId, used)));

        var page = await browser.PageAsync("/admin/media");

        Assert.True(page.IndexOf($"unused-{tag}", StringComparison.Ordinal) < page.IndexOf($"used-{tag}", StringComparison.Ordinal));
        Assert.Contains($"<a class=\"used-by\" href=\"/admin/employers/{employer.Id}\">{employer.Name}</a>", page, StringComparison.Ordinal);
        var unusedOnly = await browser.PageAsync("/admin/media?unused=1");
        Assert.Contains($"unused-{tag}", unusedOnly, StringComparison.Ordinal);
        Assert.DoesNotContain($">used-{tag}<", unusedOnly, StringComparison.Ordinal);
        Assert.Contains($"value=\"{unused}\"", unusedOnly, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unused_image_is_deleted_with_its_files_and_its_neighbours_stay()
    {
        var (browser, client) = await SignedInAsync();
        var neighbour = await UploadAsync(client, $"neighbour-{Guid.NewGuid():N}");
        var id = await UploadAsync(client, $"doomed-{Guid.NewGuid():N}");
        var files = await api.WithDbAsync(db => db.Images.Where(i => i.Id == id).SelectMany(i => i.Thumbnails.Select(t => t.File)).ToListAsync());

        var deleted = await DeleteAsync(browser, id);

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await api.WithDbAsync(db => db.Images.AnyAsync(i => i.Id == id)));
        Assert.True(await api.WithDbAsync(db => db.Images.AnyAsync(i => i.Id == neighbour)));
        foreach (var file in files)
        {
            Assert.False(await api.Store.ExistsAsync(file, CancellationToken.None));
        }

        Assert.Contains("The image was deleted.", await browser.PageAsync(deleted.Headers.Location!.PathAndQuery), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delete_posted_for_an_image_in_use_is_refused_by_the_server_and_the_image_stays()
    {
        var (browser, client) = await SignedInAsync();
        var id = await UploadAsync(client, $"kept-{Guid.NewGuid():N}");
        await UploadAsync(client, $"spare-{Guid.NewGuid():N}"); // so that the page has its delete form
        var employer = await Seed.EmployerAsync(api, $"Keeps its logo {Guid.NewGuid():N}");
        await api.WithDbAsync(db => db.Employers.Where(e => e.Id == employer.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.ImageId, id)));

        var refused = await DeleteAsync(browser, id);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("This image is used by an employer and was kept.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await api.WithDbAsync(db => db.Images.AnyAsync(i => i.Id == id)));
        Assert.Equal(id, await api.WithDbAsync(db => db.Employers.Where(e => e.Id == employer.Id).Select(e => e.ImageId).SingleAsync()));
    }
}
