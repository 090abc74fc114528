using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.Accounts;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class AccountPageTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 6";

    private Task<(ConsoleBrowser Browser, TestUser User)> SignedInAsync() =>
        ConsoleBrowser.SignedInAsync(api, Role.Staff4222, Password);

    private static async Task<HttpResponseMessage> ChangeAsync(ConsoleBrowser browser, string current, string next) =>
        await browser.SubmitAsync("/admin/account", await browser.PageAsync("/admin/account"), "password",
            ("Form.OldPassword", current), ("Form.NewPassword", next));

    [Fact]
    public async Task A_wrong_current_password_is_refused_beside_its_field_and_nothing_changes()
    {
        var (browser, user) = await SignedInAsync();

        var refused = await ChangeAsync(browser, "not my password", "a brand new password");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"old-password-errors\" class=\"field-error\"><li>Your old password was entered incorrectly. Please enter it again.</li>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("a brand new password", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(user.Token).GetAsync("/api/auth/me")).StatusCode);
        Assert.Contains("<h1>", await browser.PageAsync("/admin/account"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_password_that_resembles_the_username_gets_the_APIs_message()
    {
        var (browser, user) = await SignedInAsync();

        var refused = await ChangeAsync(browser, Password, user.Username);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<li>The password is too similar to the username.</li>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_change_ends_the_session_and_the_new_password_signs_in()
    {
        var (browser, user) = await SignedInAsync();
        var stolen = browser.Copy();

        var changed = await ChangeAsync(browser, Password, "my brand new password");

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/admin/signin?changed=1", changed.Headers.Location!.PathAndQuery);
        Assert.Contains("Your password was changed", await browser.PageAsync("/admin/signin?changed=1"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await stolen.Client.GetAsync("/admin/account")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken(user.Token).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await new ConsoleBrowser(api).SignInAsync(user.Username, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(user.Username, "my brand new password")).StatusCode);
        var entry = await api.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "password.change" && e.ObjectId == user.Id));
        Assert.Equal(user.Id, entry.ActorId);
    }

    [Fact]
    public async Task Revoking_one_of_my_tokens_leaves_the_other_working()
    {
        var (browser, user) = await SignedInAsync();
        var phone = await Login.TokenAsync(api, user.Username, Password);
        var first = await api.WithDbAsync(db => db.Tokens.Where(t => t.UserId == user.Id).MinAsync(t => t.Id));
        var page = await browser.PageAsync("/admin/account");
        Assert.Contains($"name=\"TokenId\" value=\"{first}\"", page, StringComparison.Ordinal);

        var revoked = await browser.SubmitAsync("/admin/account", page, "revoke-token", ("TokenId", first.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("Tokens revoked: 1.", await browser.PageAsync(revoked.Headers.Location!.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken(user.Token).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(phone).GetAsync("/api/auth/me")).StatusCode);
        var entry = await api.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "token.revoke" && e.ObjectId == first));
        Assert.Equal(user.Id, entry.ActorId);
    }

    [Fact]
    public async Task Someone_elses_token_cannot_be_revoked_from_my_page()
    {
        var (browser, _) = await SignedInAsync();
        var other = await api.CreateUserAsync(Role.Plain);
        var theirs = await api.WithDbAsync(db => db.Tokens.Where(t => t.UserId == other.Id).Select(t => t.Id).SingleAsync());

        var revoked = await browser.SubmitAsync("/admin/account", await browser.PageAsync("/admin/account"), "revoke-token",
            ("TokenId", theirs.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Contains("Tokens revoked: 0.", await browser.PageAsync(revoked.Headers.Location!.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(other.Token).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Revoking_all_my_tokens_refuses_each_in_the_API()
    {
        var (browser, user) = await SignedInAsync();
        var phone = await Login.TokenAsync(api, user.Username, Password);

        var revoked = await browser.SubmitAsync("/admin/account", await browser.PageAsync("/admin/account"), "revoke-tokens");

        Assert.Contains("Tokens revoked: 2.", await browser.PageAsync(revoked.Headers.Location!.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken(phone).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(2, await api.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "token.revoke" && e.ActorId == user.Id)));
    }
}
