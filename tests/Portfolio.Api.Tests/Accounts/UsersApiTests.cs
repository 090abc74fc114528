using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// /api/users as an admin sees it: create, retrieve, change, delete, and every refusal in DRF's words.
public sealed class UsersApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "a decent passphrase";

    private static string NewName() => $"user-{Guid.NewGuid():N}";

    private async Task<HttpResponseMessage> CreateAsync(string json) =>
        await (await api.ClientForAsync(Role.Admin)).PostAsync("/api/users", Drf.Json(json));

    private async Task<HttpResponseMessage> PatchAsync(long id, string json) =>
        await (await api.ClientForAsync(Role.Admin)).PatchAsync($"/api/users/{id}", Drf.Json(json));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Create_answers_201_with_the_user_object_and_never_the_password()
    {
        var name = NewName();

        var user = await ReadAsync(
            await CreateAsync($$"""{"username": "{{name}}", "password": "{{Password}}", "is_staff": true, "permissions": [4222, 4222]}"""),
            HttpStatusCode.Created);

        Assert.Equal(["id", "username", "is_staff", "is_superuser", "is_active", "permissions", "date_joined"], user.EnumerateObject().Select(p => p.Name));
        Assert.Equal(name, user.GetProperty("username").GetString());
        Assert.True(user.GetProperty("is_staff").GetBoolean());
        Assert.False(user.GetProperty("is_superuser").GetBoolean());
        Assert.True(user.GetProperty("is_active").GetBoolean());
        Assert.Equal("[4222]", user.GetProperty("permissions").GetRawText());
    }

    [Theory]
    [InlineData("رمز عبور امن من")]
    [InlineData("pässwörd ñ 密码 🔑")]
    public async Task A_non_ASCII_password_is_accepted_and_logs_in(string password)
    {
        var name = NewName();
        await ReadAsync(await CreateAsync(JsonSerializer.Serialize(new { username = name, password })), HttpStatusCode.Created);

        var token = await Login.TokenAsync(api, name, password);

        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(token).GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Create_requires_a_username_and_a_password() =>
        await Drf.AssertBodyAsync(await CreateAsync("""{"is_staff": false}"""), HttpStatusCode.BadRequest,
            """{"username": ["This field is required."], "password": ["This field is required."]}""");

    [Fact]
    public async Task Create_refuses_a_username_that_is_taken()
    {
        var taken = await api.CreateUserAsync(Role.Plain);

        await Drf.AssertBodyAsync(await CreateAsync($$"""{"username": "{{taken.Username}}", "password": "{{Password}}"}"""), HttpStatusCode.BadRequest,
            """{"username": ["A user with that username already exists."]}""");
    }

    [Fact]
    public async Task A_10000_character_username_is_a_clear_400() =>
        await Drf.AssertBodyAsync(await CreateAsync($$"""{"username": "{{new string('u', 10_000)}}", "password": "{{Password}}"}"""), HttpStatusCode.BadRequest,
            """{"username": ["Ensure this field has no more than 150 characters."]}""");

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    [InlineData("zero\u200Cwidth")]
    public async Task A_username_outside_letters_digits_and_the_five_marks_is_refused(string username) =>
        await Drf.AssertBodyAsync(await CreateAsync(JsonSerializer.Serialize(new { username, password = Password })), HttpStatusCode.BadRequest,
            """{"username": ["Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."]}""");

    [Theory]
    [InlineData("short", """["This password is too short. It must contain at least 8 characters."]""")]
    [InlineData("1234567890", """["This password is entirely numeric."]""")]
    [InlineData("123", """["This password is too short. It must contain at least 8 characters.", "This password is entirely numeric."]""")]
    [InlineData("{name}", """["The password is too similar to the username."]""")]
    public async Task A_weak_password_is_refused_with_every_reason(string password, string messages)
    {
        var name = NewName();

        var response = await CreateAsync(JsonSerializer.Serialize(new { username = name, password = password.Replace("{name}", name, StringComparison.Ordinal) }));

        await Drf.AssertBodyAsync(response, HttpStatusCode.BadRequest, $$"""{"password": {{messages}}}""");
    }

    [Theory]
    [InlineData("""{"is_staff": "maybe"}""", """{"is_staff": ["Must be a valid boolean."]}""")]
    [InlineData("""{"is_superuser": 2}""", """{"is_superuser": ["Must be a valid boolean."]}""")]
    [InlineData("""{"is_staff": ""}""", """{"is_staff": ["Must be a valid boolean."]}""")]
    [InlineData("""{"is_staff": [true]}""", """{"is_staff": ["Must be a valid boolean."]}""")]
    [InlineData("""{"is_active": null}""", """{"is_active": ["This field may not be null."]}""")]
    [InlineData("""{"permissions": "4222"}""", """{"permissions": ["Expected a list of items but got type \"str\"."]}""")]
    [InlineData("""{"permissions": 4222}""", """{"permissions": ["Expected a list of items but got type \"int\"."]}""")]
    [InlineData("""{"permissions": {"code": 4222}}""", """{"permissions": ["Expected a list of items but got type \"dict\"."]}""")]
    [InlineData("""{"permissions": ["4222"]}""", """{"permissions": ["Incorrect type. Expected pk value, received str."]}""")]
    [InlineData("""{"permissions": [4222.5]}""", """{"permissions": ["Incorrect type. Expected pk value, received float."]}""")]
    [InlineData("""{"permissions": [true]}""", """{"permissions": ["Incorrect type. Expected pk value, received bool."]}""")]
    [InlineData("""{"permissions": [4222, 9999]}""", """{"permissions": ["Invalid pk \"9999\" - object does not exist."]}""")]
    [InlineData("""{"permissions": [99999999999999999999]}""", """{"permissions": ["Invalid pk \"99999999999999999999\" - object does not exist."]}""")]
    [InlineData("""{"username": ["x"]}""", """{"username": ["Not a valid string."]}""")]
    [InlineData("""{"password": false}""", """{"password": ["Not a valid string."]}""")]
    public async Task Wrong_types_get_DRFs_messages(string fields, string expected)
    {
        var target = await api.CreateUserAsync(Role.Plain);

        await Drf.AssertBodyAsync(await PatchAsync(target.Id, fields), HttpStatusCode.BadRequest, expected);
    }

    [Theory]
    [InlineData("\"yes\"", true)]
    [InlineData("\"on\"", true)]
    [InlineData("1", true)]
    [InlineData("\"False\"", false)]
    [InlineData("\"0\"", false)]
    [InlineData("0", false)]
    public async Task Booleans_accept_DRFs_spellings(string json, bool expected)
    {
        var target = await api.CreateUserAsync(expected ? Role.Plain : Role.Staff);

        var response = await PatchAsync(target.Id, $$"""{"is_staff": {{json}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(expected, body.RootElement.GetProperty("is_staff").GetBoolean());
    }

    [Fact]
    public async Task Several_wrong_fields_are_reported_together()
    {
        var response = await CreateAsync("""{"username": "", "password": "1", "is_staff": "nope", "permissions": [1]}""");

        await Drf.AssertBodyAsync(response, HttpStatusCode.BadRequest, """
            {"username": ["This field may not be blank."],
             "password": ["This password is too short. It must contain at least 8 characters.", "This password is entirely numeric."],
             "is_staff": ["Must be a valid boolean."],
             "permissions": ["Invalid pk \"1\" - object does not exist."]}
            """);
    }

    [Fact]
    public async Task Retrieve_shows_the_user_and_accepts_a_trailing_slash()
    {
        var target = await api.CreateUserAsync(Role.NonStaff4222);
        var admin = await api.ClientForAsync(Role.Admin);

        var user = await ReadAsync(await admin.GetAsync($"/api/users/{target.Id}/"), HttpStatusCode.OK);

        Assert.Equal(target.Username, user.GetProperty("username").GetString());
        Assert.Equal("[4222]", user.GetProperty("permissions").GetRawText());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("۲۶۱")]
    [InlineData("99999999999999999999")]
    [InlineData("9223372036854775807")]
    public async Task Anything_but_an_existing_ASCII_id_is_404(string id)
    {
        var admin = await api.ClientForAsync(Role.Admin);

        await Drf.AssertErrorAsync(await admin.GetAsync($"/api/users/{id}"), HttpStatusCode.NotFound, "Not found.");
        await Drf.AssertErrorAsync(await admin.PatchAsync($"/api/users/{id}", Drf.Json("{}")), HttpStatusCode.NotFound, "Not found.");
        await Drf.AssertErrorAsync(await admin.DeleteAsync($"/api/users/{id}"), HttpStatusCode.NotFound, "Not found.");
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_given_and_ignores_read_only_ones()
    {
        var target = await api.CreateUserAsync(Role.Staff4222);

        var user = await ReadAsync(
            await PatchAsync(target.Id, """{"is_staff": false, "id": 1, "date_joined": "2000-01-01T00:00:00.000000Z", "nickname": "x"}"""),
            HttpStatusCode.OK);

        Assert.Equal(target.Id, user.GetProperty("id").GetInt64());
        Assert.Equal(target.Username, user.GetProperty("username").GetString());
        Assert.False(user.GetProperty("is_staff").GetBoolean());
        Assert.Equal("[4222]", user.GetProperty("permissions").GetRawText());
        Assert.StartsWith(DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture), user.GetProperty("date_joined").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_replaces_the_permission_list()
    {
        var target = await api.CreateUserAsync(Role.Staff4222);

        var user = await ReadAsync(await PatchAsync(target.Id, """{"permissions": []}"""), HttpStatusCode.OK);

        Assert.Equal("[]", user.GetProperty("permissions").GetRawText());
        Assert.Equal(0, await api.WithDbAsync(db => db.UserPermissions.CountAsync(p => p.UserId == target.Id)));
    }

    [Fact]
    public async Task Patch_renames_but_not_onto_a_taken_username()
    {
        var target = await api.CreateUserAsync(Role.Plain);
        var other = await api.CreateUserAsync(Role.Plain);
        var name = NewName();

        await Drf.AssertBodyAsync(await PatchAsync(target.Id, $$"""{"username": "{{other.Username}}"}"""), HttpStatusCode.BadRequest,
            """{"username": ["A user with that username already exists."]}""");
        var renamed = await ReadAsync(await PatchAsync(target.Id, $$"""{"username": "{{name}}"}"""), HttpStatusCode.OK);
        Assert.Equal(name, renamed.GetProperty("username").GetString());
        await ReadAsync(await PatchAsync(target.Id, $$"""{"username": "{{name}}"}"""), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_weak_new_password_is_judged_against_the_current_username()
    {
        var target = await api.CreateUserAsync(Role.Plain);

        await Drf.AssertBodyAsync(await PatchAsync(target.Id, $$"""{"password": "{{target.Username.ToUpperInvariant()}}"}"""), HttpStatusCode.BadRequest,
            """{"password": ["The password is too similar to the username."]}""");
    }

    [Fact]
    public async Task Delete_answers_204_and_the_user_is_gone()
    {
        var target = await api.CreateUserAsync(Role.Staff4222);
        var admin = await api.ClientForAsync(Role.Admin);

        var response = await admin.DeleteAsync($"/api/users/{target.Id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await Drf.AssertErrorAsync(await admin.GetAsync($"/api/users/{target.Id}"), HttpStatusCode.NotFound, "Not found.");
        Assert.Equal(0, await api.WithDbAsync(db => db.Tokens.CountAsync(t => t.UserId == target.Id)));
    }

    [Fact]
    public async Task Put_is_not_allowed()
    {
        var target = await api.CreateUserAsync(Role.Plain);
        var admin = await api.ClientForAsync(Role.Admin);

        var response = await admin.PutAsync($"/api/users/{target.Id}", Drf.Json("{}"));

        await Drf.AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "Method \"PUT\" not allowed.");
    }

    [Fact]
    public async Task Permissions_lists_the_catalog()
    {
        var admin = await api.ClientForAsync(Role.Admin);

        var response = await admin.GetAsync("/api/permissions");

        await Drf.AssertBodyAsync(response, HttpStatusCode.OK, """[{"code": 4222, "name": "PortfolioEmployerPermission"}]""");
    }
}
