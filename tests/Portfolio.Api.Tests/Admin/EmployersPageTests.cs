using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class EmployersPageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 2";

    private async Task<ConsoleBrowser> SignedInAsync(Role role = Role.Staff4222)
    {
        var user = await api.CreateUserAsync(role, Password);
        var browser = new ConsoleBrowser(api, "fa");
        var signedIn = await browser.SignInAsync(user.Username, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }

    [Fact]
    public async Task The_list_finds_an_Arabic_spelled_name_by_its_Persian_spelling_and_back()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await Seed.PageEmployerAsync(api, $"شركت كيميا {tag}");   // Arabic kaf and yeh
        var browser = await SignedInAsync();

        foreach (var search in new[] { $"شرکت کیمیا {tag}", $"شركت كيميا {tag}" })
        {
            var page = await browser.PageAsync($"/admin/employers?search={Uri.EscapeDataString(search)}");
            Assert.Contains($"شركت كيميا {tag}", page, StringComparison.Ordinal);
            Assert.Contains("1 کارفرما", page, StringComparison.Ordinal);
            Assert.Contains("_thumbnail_64x64.jpg", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_admin_reads_the_list_too_and_a_session_whose_access_was_taken_is_sent_to_sign_in()
    {
        Assert.Contains("<table>", await (await SignedInAsync(Role.Admin)).PageAsync("/admin"), StringComparison.Ordinal);

        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var browser = new ConsoleBrowser(api, "en");
        await browser.SignInAsync(user.Username, Password);
        await api.WithDbAsync(db => db.UserPermissions.Where(p => p.UserId == user.Id).ExecuteDeleteAsync());

        var refused = await browser.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var told = await browser.PageAsync(refused.Headers.Location!.PathAndQuery);
        Assert.Contains("This account has no access to the console.", told, StringComparison.Ordinal);
    }
}
