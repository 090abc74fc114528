using System.Net;
using System.Text.RegularExpressions;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Admin;

// The console's history pages, fed by changes made through the API's JSON endpoints.
public sealed class HistoryPagesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 7";

    private Task<(ConsoleBrowser Browser, TestUser User)> SignedInAsync(Role role, string language = "en") =>
        ConsoleBrowser.SignedInAsync(api, role, Password, language);

    // An employer created and renamed by `user` through the API; answers its id and both names.
    private async Task<(long Id, string Old, string New)> CreatedAndRenamedAsync(TestUser user)
    {
        var client = api.ClientWithToken(user.Token);
        var (old, @new) = (Unique("before"), Unique("after"));
        var id = Id(await CreateAsync(client, old));
        await ReadAsync(await PatchAsync(client, id, Body(new { name = @new })), HttpStatusCode.OK);
        return (id, old, @new);
    }

    private static int Rows(string page, string action) => Regex.Count(page, $"<td><code>{Regex.Escape(action)}</code></td>");

    [Fact]
    public async Task An_employer_created_and_renamed_through_the_API_shows_both_entries_newest_first_with_who_and_the_name_old_to_new()
    {
        var (browser, user) = await SignedInAsync(Role.Staff4222);
        var (id, old, @new) = await CreatedAndRenamedAsync(user);

        var page = await browser.PageAsync($"/admin/employers/{id}/history");

        Assert.Equal(1, Rows(page, "employer.update"));
        Assert.Equal(1, Rows(page, "employer.create"));
        Assert.True(page.IndexOf("<code>employer.update</code>", StringComparison.Ordinal) < page.IndexOf("<code>employer.create</code>", StringComparison.Ordinal));
        Assert.Equal(2, Regex.Count(page, $"<td>{user.Username}</td>"));
        Assert.Matches($"<span class=\"field\">name:</span>\\s*<del><span class=\"value\">{old}</span></del>\\s*<span class=\"arrow\">→</span>\\s*<ins><span class=\"value\">{@new}</span></ins>", page);
        Assert.Contains($"<a href=\"/admin/employers/{id}\">{@new}</a>", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/employers/{id}/history\"", await browser.PageAsync($"/admin/employers/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_employers_history_stays_readable_without_a_link_and_one_that_never_was_is_404()
    {
        var (browser, user) = await SignedInAsync(Role.Staff4222);
        var (id, _, @new) = await CreatedAndRenamedAsync(user);
        Assert.Equal(HttpStatusCode.NoContent, (await api.ClientWithToken(user.Token).DeleteAsync($"{Url}/{id}")).StatusCode);

        var page = await browser.PageAsync($"/admin/employers/{id}/history");

        Assert.Equal(1, Rows(page, "employer.delete"));
        Assert.Contains($"History of {@new}", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"<a href=\"/admin/employers/{id}\">", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/admin/employers/{long.MaxValue}/history")).StatusCode);
    }

    [Fact]
    public async Task The_global_history_filtered_by_action_shows_only_that_action()
    {
        var (browser, _) = await SignedInAsync(Role.Admin);
        var staff = await api.CreateUserAsync(Role.Staff4222);
        await CreatedAndRenamedAsync(staff);
        await CreatedAndRenamedAsync(staff);

        var page = await browser.PageAsync($"/admin/history?actor={staff.Username}&action=employer.update");

        Assert.Equal(2, Rows(page, "employer.update"));
        Assert.Equal(0, Rows(page, "employer.create"));
        Assert.Contains("<option value=\"employer.update\" selected>", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{staff.Username}\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_since_shows_the_APIs_message_beside_the_field_with_400()
    {
        var (browser, _) = await SignedInAsync(Role.Admin);

        var refused = await browser.Client.GetAsync("/admin/history?since=yesterday&action=nope");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<ul id=\"since-errors\" class=\"field-error\"><li>Enter a valid date/time.</li></ul>", page, StringComparison.Ordinal);
        Assert.Contains("<li>Select a valid choice. nope is not one of the available choices.</li>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"yesterday\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_actor_with_a_NUL_is_refused_beside_its_field_as_the_API_refuses_it()
    {
        var (browser, _) = await SignedInAsync(Role.Admin);

        var refused = await browser.Client.GetAsync("/admin/history?actor=a%00b");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<ul id=\"actor-errors\" class=\"field-error\"><li>Null characters are not allowed.</li></ul>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<table", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_than_twenty_entries_are_paged_and_page_two_holds_the_older_ones()
    {
        var (browser, _) = await SignedInAsync(Role.Admin);
        var staff = await api.CreateUserAsync(Role.Staff4222);
        var client = api.ClientWithToken(staff.Token);
        var names = new List<string>();
        for (var i = 0; i < 21; i++)
        {
            names.Add(Unique($"paged {i}"));
            await CreateAsync(client, names[^1]);
        }

        var first = await browser.PageAsync($"/admin/history?actor={staff.Username}");
        var second = await browser.PageAsync($"/admin/history?actor={staff.Username}&page=2");

        Assert.Equal(20, Rows(first, "employer.create"));
        Assert.Contains("Page 1 of 2", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/history?actor={staff.Username}&amp;page=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Contains(names[^1], first, StringComparison.Ordinal);
        Assert.DoesNotContain(names[0], first, StringComparison.Ordinal);
        Assert.Equal(1, Rows(second, "employer.create"));
        Assert.Contains("Page 2 of 2", second, StringComparison.Ordinal);
        Assert.Contains(names[0], second, StringComparison.Ordinal);
        Assert.Contains($"href=\"/admin/history?actor={staff.Username}&amp;page=1\">First</a>", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Persian_history_is_right_to_left()
    {
        var (browser, _) = await SignedInAsync(Role.Admin, "fa");

        var page = await browser.PageAsync("/admin/history");

        Assert.Contains("<html lang=\"fa\" dir=\"rtl\">", page, StringComparison.Ordinal);
        Assert.Contains("<h1>تاریخچه</h1>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_without_admin_rights_get_403_for_the_global_history_and_no_link_to_it_as_the_API_refuses_them_the_trail()
    {
        var (staffBrowser, staff) = await SignedInAsync(Role.Staff4222);
        var (adminBrowser, _) = await SignedInAsync(Role.Admin);

        var refused = await staffBrowser.Client.GetAsync("/admin/history");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This account may not open this page.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientWithToken(staff.Token).GetAsync("/api/audit")).StatusCode);
        Assert.DoesNotContain("href=\"/admin/history\"", await staffBrowser.PageAsync("/admin"), StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/history\"", await adminBrowser.PageAsync("/admin"), StringComparison.Ordinal);
    }
}
