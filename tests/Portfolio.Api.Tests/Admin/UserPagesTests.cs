using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class UserPagesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 5";

    private Task<(ConsoleBrowser Browser, TestUser User)> SignedInAsync(Role role = Role.Admin) =>
        ConsoleBrowser.SignedInAsync(api, role, Password);

    private static async Task<HttpResponseMessage> CreateAsync(ConsoleBrowser browser, params (string Name, string Value)[] fields) =>
        await browser.SubmitAsync("/admin/users/new", await browser.PageAsync("/admin/users/new"), "user", fields);

    private static async Task<HttpResponseMessage> SubmitOnUserAsync(ConsoleBrowser browser, long id, string handler, params (string Name, string Value)[] fields) =>
        await browser.SubmitAsync($"/admin/users/{id}", await browser.PageAsync($"/admin/users/{id}"), handler, fields);

    [Fact]
    public async Task An_admin_creates_a_staff_user_with_4222_who_then_signs_in_to_the_console()
    {
        var (browser, admin) = await SignedInAsync();
        var username = $"new-{Guid.NewGuid():N}"[..20];

        var created = await CreateAsync(browser,
            ("Form.Username", username), ("Form.Password", "a good new password"),
            ("Form.IsActive", "true"), ("Form.IsStaff", "true"), ("Form.EmployersPermission", "true"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await api.WithDbAsync(db => db.Users.Where(u => u.Username == username).Select(u => u.Id).SingleAsync());
        Assert.Equal($"/admin/users/{id}?saved=1", created.Headers.Location!.PathAndQuery);
        Assert.Contains(username, await browser.PageAsync("/admin/users?page=1000"), StringComparison.Ordinal);
        var entries = await api.WithDbAsync(db => db.AuditEntries.Where(e => e.ObjectType == "user" && e.ObjectId == id).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["user.create", "permission.grant"], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(admin.Id, e.ActorId));

        var theirs = new ConsoleBrowser(api, "en");
        var signedIn = await theirs.SignInAsync(username, "a good new password");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("<h1>Employers</h1>", await theirs.PageAsync("/admin/employers"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_username_and_a_weak_password_get_the_APIs_messages_beside_their_fields()
    {
        var (browser, _) = await SignedInAsync();
        var taken = await api.CreateUserAsync(Role.Plain);
        var before = await api.WithDbAsync(db => db.Users.CountAsync());

        var refused = await CreateAsync(browser, ("Form.Username", taken.Username), ("Form.Password", "12345678"), ("Form.IsActive", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"username-errors\" class=\"field-error\"><li>A user with that username already exists.</li>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"password-errors\" class=\"field-error\"><li>This password is entirely numeric.</li>", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{taken.Username}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", page, StringComparison.Ordinal);
        Assert.Equal(before, await api.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Deactivating_a_user_ends_their_console_access_on_their_next_page()
    {
        var (admin, _) = await SignedInAsync();
        var (theirs, user) = await SignedInAsync(Role.Staff4222);
        Assert.Contains("<h1>Employers</h1>", await theirs.PageAsync("/admin"), StringComparison.Ordinal);

        // Active left unticked, as a browser posts an unticked box: not at all.
        var saved = await SubmitOnUserAsync(admin, user.Id, "flags", ("Form.IsStaff", "true"), ("Form.EmployersPermission", "true"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(await api.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.IsActive).SingleAsync()));
        var next = await theirs.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal("/admin/signin", next.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Revoking_the_employers_permission_keeps_the_users_other_codes()
    {
        var (admin, _) = await SignedInAsync();
        var user = await api.CreateUserAsync(Role.StaffOtherCode);

        var saved = await SubmitOnUserAsync(admin, user.Id, "flags", ("Form.IsActive", "true"), ("Form.IsStaff", "true"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal([ApiFactory.OtherPermissionCode], await api.WithDbAsync(db => db.UserPermissions.Where(p => p.UserId == user.Id).Select(p => p.Code).ToListAsync()));
    }

    [Fact]
    public async Task A_new_password_set_by_an_admin_revokes_the_users_tokens_and_signs_in()
    {
        var (admin, adminUser) = await SignedInAsync();
        var user = await api.CreateUserAsync(Role.Staff4222, Password);

        var weak = await SubmitOnUserAsync(admin, user.Id, "password", ("NewPassword.Password", "short"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("<li>This password is too short. It must contain at least 8 characters.</li>", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await SubmitOnUserAsync(admin, user.Id, "password", ("NewPassword.Password", "set by the admin"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken(user.Token).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await new ConsoleBrowser(api).SignInAsync(user.Username, "set by the admin")).StatusCode);
        var entry = await api.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "password.change" && e.ObjectId == user.Id));
        Assert.Equal(adminUser.Id, entry.ActorId);
    }

    [Fact]
    public async Task Revoking_a_users_tokens_says_how_many_and_the_API_then_refuses_the_old_token()
    {
        var (admin, _) = await SignedInAsync();
        var user = await api.CreateUserAsync(Role.Staff4222);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(user.Token).GetAsync("/api/auth/me")).StatusCode);

        var revoked = await SubmitOnUserAsync(admin, user.Id, "revoke-tokens");

        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Contains("Tokens revoked: 1.", await admin.PageAsync(revoked.Headers.Location!.PathAndQuery), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.ClientWithToken(user.Token).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Staff_with_4222_are_refused_with_403_on_the_users_pages_and_their_posts()
    {
        var (browser, staff) = await SignedInAsync(Role.Staff4222);
        var other = await api.CreateUserAsync(Role.Plain);
        var home = await browser.PageAsync("/admin");
        Assert.DoesNotContain("href=\"/admin/users\"", home, StringComparison.Ordinal);

        foreach (var path in new[] { "/admin/users", "/admin/users/new", $"/admin/users/{other.Id}" })
        {
            var page = await browser.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
            Assert.Contains("This account may not open this page.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // A valid antiforgery token of this user's, from a page they may open.
        var token = ConsoleBrowser.HiddenFields(home, "/admin/signout").ToList();
        var posted = await browser.Client.PostAsync($"/admin/users/{staff.Id}", new FormUrlEncodedContent(
            token.Append(new("_handler", "flags")).Append(new("Form.IsActive", "true")).Append(new("Form.IsSuperuser", "true"))));

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        Assert.False(await api.WithDbAsync(db => db.Users.Where(u => u.Id == staff.Id).Select(u => u.IsSuperuser).SingleAsync()));
    }
}
