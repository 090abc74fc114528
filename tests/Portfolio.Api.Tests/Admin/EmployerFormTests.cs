using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class EmployerFormTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 3";

    private Task<(ConsoleBrowser Browser, TestUser User)> SignedInAsync() =>
        ConsoleBrowser.SignedInAsync(api, Role.Staff4222, Password);

    private static async Task<HttpResponseMessage> SubmitAsync(ConsoleBrowser browser, string path, string name, string description) =>
        await browser.SubmitAsync(path, await browser.PageAsync(path), "employer", ("Form.Name", name), ("Form.Description", description));

    [Fact]
    public async Task A_Persian_name_is_created_with_its_audit_entry_and_shown_in_the_list()
    {
        var (browser, user) = await SignedInAsync();
        var name = $"کارفرمای پیشخوان {Guid.NewGuid():N}";

        var created = await SubmitAsync(browser, "/admin/employers/new", name, "ساخته در پیشخوان");

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await api.WithDbAsync(db => db.Employers.Where(e => e.Name == name).Select(e => e.Id).SingleAsync());
        Assert.Equal($"/admin/employers/{id}?saved=1", created.Headers.Location!.PathAndQuery);
        Assert.Contains("Saved.", await browser.PageAsync(created.Headers.Location.PathAndQuery), StringComparison.Ordinal);
        Assert.Contains(name, await browser.PageAsync($"/admin/employers?search={Uri.EscapeDataString(name)}"), StringComparison.Ordinal);
        var entry = await api.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.ObjectType == "employer" && e.ObjectId == id));
        Assert.Equal(user.Id, entry.ActorId);
    }

    [Fact]
    public async Task A_name_taken_after_Persian_normalisation_is_shown_on_the_field_and_what_was_typed_stays()
    {
        var (browser, _) = await SignedInAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        await Seed.EmployerAsync(api, $"شرکت کیمیا {tag}");
        var before = await api.WithDbAsync(db => db.Employers.CountAsync());

        var refused = await SubmitAsync(browser, "/admin/employers/new", $"شركت كيميا {tag}", "توضیح نگه‌داشته");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Matches("id=\"name-errors\" class=\"field-error\"><li>employer with this name already exists.</li>", page);
        Assert.Contains($"value=\"شركت كيميا {tag}\"", page, StringComparison.Ordinal);
        Assert.Contains("توضیح نگه‌داشته", page, StringComparison.Ordinal);
        Assert.Equal(before, await api.WithDbAsync(db => db.Employers.CountAsync()));
    }

    [Fact]
    public async Task A_blank_name_gets_the_APIs_message_beside_the_field()
    {
        var (browser, _) = await SignedInAsync();

        var refused = await SubmitAsync(browser, "/admin/employers/new", "   ", "");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<li>This field may not be blank.</li>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_edit_saves_through_the_same_rules_as_a_PATCH()
    {
        var (browser, _) = await SignedInAsync();
        var employer = await Seed.EmployerAsync(api, $"ویرایشی {Guid.NewGuid():N}", "پیشین");

        var saved = await SubmitAsync(browser, $"/admin/employers/{employer.Id}", employer.Name, "تازه");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await api.WithDbAsync(db => db.Employers.AsNoTracking().SingleAsync(e => e.Id == employer.Id));
        Assert.Equal("تازه", stored.Description);
        Assert.True(stored.UpdatedAt > employer.UpdatedAt);
    }

    [Fact]
    public async Task Delete_asks_first_then_removes_the_employer()
    {
        var (browser, _) = await SignedInAsync();
        var employer = await Seed.EmployerAsync(api, $"حذفی {Guid.NewGuid():N}");
        var path = $"/admin/employers/{employer.Id}/delete";
        var confirm = await browser.PageAsync(path);
        Assert.Contains(employer.Name, confirm, StringComparison.Ordinal);
        Assert.True(await api.WithDbAsync(db => db.Employers.AnyAsync(e => e.Id == employer.Id)), "asking deletes nothing");

        var deleted = await browser.SubmitAsync(path, confirm, "delete");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await api.WithDbAsync(db => db.Employers.AnyAsync(e => e.Id == employer.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync(path)).StatusCode);
    }
}
