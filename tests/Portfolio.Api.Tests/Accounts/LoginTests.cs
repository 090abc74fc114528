using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// POST /api/auth/token, DELETE /api/auth/token and GET /api/auth/me, with DRF's bodies.
public sealed class LoginTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "correct horse battery";
    private const string BadCredentials = """{"non_field_errors": ["Unable to log in with provided credentials."]}""";

    private Task<HttpResponseMessage> LoginAsync(string json) => Login.PostAsync(api, json);

    [Fact]
    public async Task The_right_password_gets_a_new_token_that_works()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);

        var token = await Login.TokenAsync(api, user.Username, Password);

        Assert.NotEqual(user.Token, token);
        Assert.True(token.Length * 4 >= 160, "a key carries at least 160 random bits");
        var me = await api.ClientWithToken(token).GetAsync("/api/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_form_encoded_login_works_as_DRFs_does()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user.Username, ["password"] = Password });

        var response = await api.CreateClient().PostAsync("/api/auth/token", form);

        var token = await Login.KeyFromAsync(response);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(token).GetAsync("/api/auth/me")).StatusCode);
    }

    // Found by the fuzzer: the form reader's IOException was a 500.
    [Fact]
    public async Task A_multipart_login_that_ends_before_its_first_boundary_is_a_400()
    {
        using var body = new ByteArrayContent("--"u8.ToArray());
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        var response = await api.CreateClient().PostAsync("/api/auth/token", body);

        await Drf.AssertErrorAsync(response, HttpStatusCode.BadRequest, "Multipart form parse error - The body ends before its first boundary.");
    }

    [Fact]
    public async Task Each_login_is_a_separate_device_token()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var body = Login.Body(user.Username, Password);

        var first = await Login.KeyFromAsync(await LoginAsync(body));
        var second = await Login.KeyFromAsync(await LoginAsync(body));

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(first).GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(second).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_an_unknown_user_and_an_inactive_user_get_the_same_answer()
    {
        var active = await api.CreateUserAsync(Role.Plain, Password);
        var inactive = await api.CreateUserAsync(Role.Inactive4222, Password);

        await Drf.AssertBodyAsync(await LoginAsync(Login.Body(active.Username, "wrong password")), HttpStatusCode.BadRequest, BadCredentials);
        await Drf.AssertBodyAsync(await LoginAsync(Login.Body($"nobody-{Guid.NewGuid():N}", Password)), HttpStatusCode.BadRequest, BadCredentials);
        await Drf.AssertBodyAsync(await LoginAsync(Login.Body(inactive.Username, Password)), HttpStatusCode.BadRequest, BadCredentials);
    }

    [Theory]
    [InlineData("{}", """{"username": ["This field is required."], "password": ["This field is required."]}""")]
    [InlineData("""{"password": "x"}""", """{"username": ["This field is required."]}""")]
    [InlineData("""{"username": "x"}""", """{"password": ["This field is required."]}""")]
    [InlineData("""{"username": "  ", "password": ""}""", """{"username": ["This field may not be blank."], "password": ["This field may not be blank."]}""")]
    [InlineData("""{"username": null, "password": "x"}""", """{"username": ["This field may not be null."]}""")]
    [InlineData("""{"username": ["x"], "password": {"a": 1}}""", """{"username": ["Not a valid string."], "password": ["Not a valid string."]}""")]
    [InlineData("""{"username": true, "password": "x"}""", """{"username": ["Not a valid string."]}""")]
    public async Task Missing_blank_and_mistyped_fields_get_DRFs_messages(string json, string expected) =>
        await Drf.AssertBodyAsync(await LoginAsync(json), HttpStatusCode.BadRequest, expected);

    [Fact]
    public async Task An_empty_body_reads_as_no_fields()
    {
        var response = await api.CreateClient().PostAsync("/api/auth/token", null);

        await Drf.AssertBodyAsync(response, HttpStatusCode.BadRequest, """{"username": ["This field is required."], "password": ["This field is required."]}""");
    }

    [Fact]
    public async Task Extra_fields_are_ignored()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);

        var response = await LoginAsync($$"""{"username": "{{user.Username}}", "password": "{{Password}}", "remember": true, "is_superuser": true}""");

        await Login.KeyFromAsync(response);
    }

    [Fact]
    public async Task The_username_is_trimmed_but_the_password_is_taken_as_typed()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);

        await Login.KeyFromAsync(await LoginAsync($$"""{"username": "  {{user.Username}} ", "password": "{{Password}}"}"""));
        await Drf.AssertBodyAsync(await LoginAsync($$"""{"username": "{{user.Username}}", "password": " {{Password}}"}"""), HttpStatusCode.BadRequest, BadCredentials);
    }

    [Fact]
    public async Task A_10000_character_username_is_a_clear_400()
    {
        var response = await LoginAsync(Login.Body(new string('a', 10_000), Password));

        await Drf.AssertBodyAsync(response, HttpStatusCode.BadRequest, """{"username": ["Ensure this field has no more than 150 characters."]}""");
    }

    [Fact]
    public async Task Logout_revokes_only_the_token_that_made_the_request()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var body = Login.Body(user.Username, Password);
        var phone = await Login.KeyFromAsync(await LoginAsync(body));
        var laptop = await Login.KeyFromAsync(await LoginAsync(body));

        var response = await api.ClientWithToken(phone).DeleteAsync("/api/auth/token");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await Drf.AssertErrorAsync(await api.ClientWithToken(phone).GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "Invalid token.");
        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(laptop).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Me_shows_the_user_object_without_a_password()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);

        var response = await api.ClientWithToken(user.Token).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var me = json.RootElement;
        Assert.Equal(["id", "username", "is_staff", "is_superuser", "is_active", "permissions", "date_joined"], me.EnumerateObject().Select(p => p.Name));
        Assert.Equal(user.Id, me.GetProperty("id").GetInt64());
        Assert.Equal(user.Username, me.GetProperty("username").GetString());
        Assert.True(me.GetProperty("is_staff").GetBoolean());
        Assert.False(me.GetProperty("is_superuser").GetBoolean());
        Assert.Equal("[4222]", me.GetProperty("permissions").GetRawText());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", me.GetProperty("date_joined").GetString());
    }

    [Fact]
    public async Task A_login_records_the_last_login_time()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);

        await Login.TokenAsync(api, user.Username, Password);

        var lastLogin = await api.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LastLogin).SingleAsync());
        Assert.NotNull(lastLogin);
    }
}
