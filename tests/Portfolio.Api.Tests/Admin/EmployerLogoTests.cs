using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Media;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class EmployerLogoTests(EmployerLogoTests.SmallUploads api) : IClassFixture<EmployerLogoTests.SmallUploads>
{
    private const string Password = "console password 4";

    private async Task<(ConsoleBrowser Browser, long EmployerId, string Path)> SignedInAsync()
    {
        var (browser, _) = await ConsoleBrowser.SignedInAsync(api, Role.Staff4222, Password);
        var employer = await Seed.EmployerAsync(api, $"Logo test {Guid.NewGuid():N}");
        return (browser, employer.Id, $"/admin/employers/{employer.Id}/logo");
    }

    [Fact]
    public async Task An_uploaded_logo_is_stored_through_the_media_pipeline_and_its_four_thumbnails_are_shown()
    {
        var (browser, id, path) = await SignedInAsync();

        var uploaded = await browser.UploadAsync(path, await browser.PageAsync(path), "logo", "کیمیا.png", TestImages.Png(300, 200));

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var image = await api.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Include(e => e.Image!.Thumbnails).Select(e => e.Image).SingleAsync());
        Assert.NotNull(image);
        Assert.Equal(("کیمیا.png", "image/png", 300, 200), (image.Name, image.Type, image.Width, image.Height));
        var page = await browser.PageAsync(uploaded.Headers.Location!.PathAndQuery);
        Assert.Equal([64, 128, 512, 1080], image.Thumbnails.Select(t => t.BoxSize).Order());
        foreach (var thumbnail in image.Thumbnails)
        {
            Assert.Contains($"src=\"{MediaUrls.Build(api.MediaBaseUrl, thumbnail.File)}\"", page, StringComparison.Ordinal);
            Assert.True(await api.Store.ExistsAsync(thumbnail.File, CancellationToken.None));
        }

        var actions = await api.WithDbAsync(db => db.AuditEntries.Where(e => (e.ObjectType == "employer" && e.ObjectId == id) || (e.ObjectType == "media" && e.ObjectId == image.Id))
            .OrderBy(e => e.Id).Select(e => e.Action).ToListAsync());
        Assert.Equal(["media.upload", "employer.update"], actions);
    }

    [Fact]
    public async Task A_replaced_logo_then_removed_leaves_the_employer_without_one()
    {
        var (browser, id, path) = await SignedInAsync();
        await browser.UploadAsync(path, await browser.PageAsync(path), "logo", "first.jpg", TestImages.Jpeg(120, 90));
        var first = await api.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Select(e => e.ImageId).SingleAsync());

        var replaced = await browser.UploadAsync(path, await browser.PageAsync(path), "logo", "second.png", TestImages.Png(90, 120));
        Assert.Equal(HttpStatusCode.Redirect, replaced.StatusCode);
        var second = await api.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Select(e => e.ImageId).SingleAsync());
        Assert.NotNull(second);
        Assert.NotEqual(first, second);

        var removed = await browser.SubmitAsync(path, await browser.PageAsync(path), "remove-logo");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Null(await api.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Select(e => e.ImageId).SingleAsync()));
        Assert.Contains("No logo yet.", await browser.PageAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_gets_the_pipelines_message_beside_the_field_and_stores_nothing()
    {
        var (browser, id, path) = await SignedInAsync();
        var images = await api.WithDbAsync(db => db.Images.CountAsync());
        var files = (await api.StoredKeysAsync()).Count;

        var refused = await browser.UploadAsync(path, await browser.PageAsync(path), "logo", "notes.png", "just some text, not a PNG"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<ul id=\"file-errors\" class=\"field-error\"><li>Upload a valid image.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(images, await api.WithDbAsync(db => db.Images.CountAsync()));
        Assert.Equal(files, (await api.StoredKeysAsync()).Count);
        Assert.Null(await api.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Select(e => e.ImageId).SingleAsync()));
    }

    [Fact]
    public async Task A_file_over_the_upload_limit_is_refused_with_the_limit_named()
    {
        var (browser, _, path) = await SignedInAsync();
        var images = await api.WithDbAsync(db => db.Images.CountAsync());

        var refused = await browser.UploadAsync(path, await browser.PageAsync(path), "logo", "big.png", new byte[SmallUploads.Limit + 1]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("The file is too large: uploads are limited to", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(images, await api.WithDbAsync(db => db.Images.CountAsync()));
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_refused_before_it_is_read()
    {
        var (browser, _, path) = await SignedInAsync();

        var refused = await browser.UploadAsync(path, await browser.PageAsync(path), "logo", "huge.png", new byte[SmallUploads.Limit * 4]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
    }

    public sealed class SmallUploads : ApiFactory
    {
        public const int Limit = 200_000;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Media:MaxUploadBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
