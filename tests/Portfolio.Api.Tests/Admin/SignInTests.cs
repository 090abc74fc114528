using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class SignInTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 1";

    [Fact]
    public async Task A_console_page_sends_a_stranger_to_the_sign_in_page_and_back_after_it()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var browser = new ConsoleBrowser(api);

        var page = await browser.Client.GetAsync("/admin/employers?search=x");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/admin/signin", page.Headers.Location!.AbsolutePath);

        var signedIn = await browser.SignInAsync(user.Username, Password, returnUrl: "/admin/employers?search=x");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin/employers?search=x", signedIn.Headers.Location!.PathAndQuery);
        Assert.Contains("<h1>", await browser.PageAsync("/admin/employers?search=x"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_told_on_the_page_then_the_right_one_gets_in()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var browser = new ConsoleBrowser(api, "en");

        var refused = await browser.SignInAsync(user.Username, "not the password");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Unable to sign in with this username and password.", body, StringComparison.Ordinal);
        Assert.Contains($"value=\"{user.Username}\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("not the password", body, StringComparison.Ordinal);

        var signedIn = await browser.SignInAsync(user.Username, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/admin", signedIn.Headers.Location!.PathAndQuery);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("portfolio_console=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/admin", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Role.Staff)]
    [InlineData(Role.NonStaff4222)]
    [InlineData(Role.Plain)]
    public async Task An_account_without_access_is_told_so_and_gets_no_session(Role role)
    {
        var user = await api.CreateUserAsync(role, Password);
        var browser = new ConsoleBrowser(api, "en");

        var refused = await browser.SignInAsync(user.Username, Password);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This account has no access to the console.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(refused.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("portfolio_console=", StringComparison.Ordinal)));
        Assert.Equal(0, await api.WithDbAsync(db => Task.FromResult(db.ConsoleSessions.Count(s => s.UserId == user.Id))));
    }

    [Fact]
    public async Task A_form_post_without_its_antiforgery_token_is_refused()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var browser = new ConsoleBrowser(api);
        var page = await browser.PageAsync("/admin/signin");
        var fields = ConsoleBrowser.HiddenFields(page, "signin").Where(f => f.Key != "__RequestVerificationToken")
            .Append(new("Form.Username", user.Username)).Append(new("Form.Password", Password));

        var response = await browser.Client.PostAsync("/admin/signin", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await api.WithDbAsync(db => Task.FromResult(db.ConsoleSessions.Count(s => s.UserId == user.Id))));
    }

    [Fact]
    public async Task A_sign_out_posted_without_its_antiforgery_token_is_refused_and_the_session_stays()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var browser = new ConsoleBrowser(api, "en");
        await browser.SignInAsync(user.Username, Password);

        var forged = await browser.Client.PostAsync("/admin/signout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("The request could not be read", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await api.WithDbAsync(db => Task.FromResult(db.ConsoleSessions.Count(s => s.UserId == user.Id))));
    }

    [Fact]
    public async Task Sign_out_ends_the_session_on_the_server_so_a_kept_cookie_is_worthless()
    {
        var user = await api.CreateUserAsync(Role.Admin, Password);
        var browser = new ConsoleBrowser(api);
        await browser.SignInAsync(user.Username, Password);
        var page = await browser.PageAsync("/admin");
        Assert.Equal(1, await api.WithDbAsync(db => Task.FromResult(db.ConsoleSessions.Count(s => s.UserId == user.Id))));
        var stolen = browser.Copy();

        var signedOut = await browser.SubmitAsync("/admin/signout", page, "/admin/signout", []);
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.Equal(0, await api.WithDbAsync(db => Task.FromResult(db.ConsoleSessions.Count(s => s.UserId == user.Id))));
        var replayed = await stolen.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.Equal("/admin/signin", replayed.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task A_return_url_off_the_console_is_replaced_by_the_console_home()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        foreach (var returnUrl in new[] { "https://evil.example/", "//evil.example/admin", "/admin\\..\\x", "/administrator", "/api/audit" })
        {
            var signedIn = await new ConsoleBrowser(api).SignInAsync(user.Username, Password, returnUrl);
            Assert.Equal("/admin", signedIn.Headers.Location!.PathAndQuery);
        }
    }

    [Fact]
    public async Task Persian_is_the_default_and_right_to_left_and_English_is_chosen_by_Accept_Language()
    {
        var persian = await new ConsoleBrowser(api).PageAsync("/admin/signin");
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\">", persian, StringComparison.Ordinal);
        Assert.Contains("ورود", persian, StringComparison.Ordinal);

        var english = await new ConsoleBrowser(api, "en-GB,en;q=0.9").PageAsync("/admin/signin");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", english, StringComparison.Ordinal);
        Assert.Contains("Sign in", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_is_remembered_over_the_browsers_own_language()
    {
        var browser = new ConsoleBrowser(api, "fa");

        var chosen = await browser.Client.GetAsync("/admin/language?culture=en&returnUrl=%2Fadmin%2Fsignin");

        Assert.Equal("/admin/signin", chosen.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", await browser.PageAsync("/admin/signin"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Console_pages_carry_a_content_security_policy_without_inline_script()
    {
        var response = await new ConsoleBrowser(api).Client.GetAsync("/admin/signin");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        // Scripts only from files the policy allows, none written into the page.
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=\"/admin/assets/)", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_stylesheet_and_the_Persian_font_are_served_by_the_service_itself()
    {
        var client = new ConsoleBrowser(api).Client;

        var font = await client.GetAsync("/admin/assets/fonts/Vazirmatn.woff2");
        var style = await client.GetAsync("/admin/assets/console.css");

        Assert.Equal(HttpStatusCode.OK, font.StatusCode);
        Assert.Equal("font/woff2", font.Content.Headers.ContentType!.MediaType);
        Assert.Contains("fonts/Vazirmatn.woff2", await style.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
