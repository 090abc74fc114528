using System.Net;
using System.Text.Json;
using Portfolio.Api.Tests.Accounts;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Audit.AuditHttp;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Audit;

// Every change through the API leaves an entry: who, what, the fields before and after, when,
// and from where (the request's id, client address and user agent).
public sealed class AuditEntriesTests(AddressedApiFactory api) : IClassFixture<AddressedApiFactory>
{
    private const string Address = "203.0.113.7";
    private const string Agent = "audit-tests/1.0 (+https://example.com)";
    private static readonly int[] Granted = [4222];

    private async Task<(TestUser User, HttpClient Client)> ClientAsync(Role role)
    {
        var user = await api.CreateUserAsync(role);
        var client = api.ClientWithToken(user.Token);
        client.DefaultRequestHeaders.Add("X-Test-Client-Address", Address);
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Agent);
        return (user, client);
    }

    [Fact]
    public async Task Creating_changing_and_deleting_an_employer_each_leave_an_entry_with_who_what_and_from_where()
    {
        var (staff, client) = await ClientAsync(Role.Staff4222);
        var name = $"همکاران {Guid.NewGuid():N}";
        var id = Id(await CreateAsync(client, name, "اول"));
        await ReadAsync(await PatchAsync(client, id, Body(new { description = "دوم" })), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Url}/{id}")).StatusCode);

        var history = await HistoryAsync(client, id);

        Assert.Equal(["employer.delete", "employer.update", "employer.create"], history.Select(Action));
        Assert.Equal($$$"""{"name":{"new":"{{{name}}}"},"description":{"new":"اول"},"image":{"new":null}}""", Changes(history[2]));
        Assert.Equal("""{"description":{"old":"اول","new":"دوم"}}""", Changes(history[1]));
        Assert.Equal($$$"""{"name":{"old":"{{{name}}}"},"description":{"old":"دوم"},"image":{"old":null}}""", Changes(history[0]));
        foreach (var entry in history)
        {
            Assert.Equal(staff.Id, entry.GetProperty("actor_id").GetInt64());
            Assert.Equal(staff.Username, entry.GetProperty("actor").GetString());
            Assert.Equal("employer", entry.GetProperty("object_type").GetString());
            Assert.Equal(id, entry.GetProperty("object_id").GetInt64());
            Assert.Equal(name, entry.GetProperty("object_name").GetString());
            Assert.Equal(Address, entry.GetProperty("client_address").GetString());
            Assert.Equal(Agent, entry.GetProperty("user_agent").GetString());
            Assert.False(string.IsNullOrEmpty(entry.GetProperty("request_id").GetString()));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", entry.GetProperty("at").GetString());
        }

        Assert.True(history[0].GetProperty("id").GetInt64() > history[1].GetProperty("id").GetInt64());
        Assert.NotEqual(history[0].GetProperty("request_id").GetString(), history[1].GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task A_history_outlives_its_employer_and_an_unknown_employer_has_none()
    {
        var (_, client) = await ClientAsync(Role.Staff4222);
        var id = Id(await CreateAsync(client, Unique()));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Url}/{id}")).StatusCode);

        Assert.Equal(2, (await HistoryAsync(client, id)).Count);
        await Drf.AssertErrorAsync(await client.GetAsync(HistoryUrl(long.MaxValue)), HttpStatusCode.NotFound, "Not found.");
        await Drf.AssertErrorAsync(await client.GetAsync($"{Url}/abc/history"), HttpStatusCode.NotFound, "Not found.");
    }

    [Fact]
    public async Task An_employer_seeded_without_the_api_has_an_empty_history()
    {
        var (_, client) = await ClientAsync(Role.Staff4222);
        var employer = await Seed.EmployerAsync(api, Unique());

        var page = await PageAsync(client, HistoryUrl(employer.Id));

        Assert.Equal(0, page.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Uploading_and_deleting_an_image_are_entries_and_so_is_each_employer_that_lost_it()
    {
        var (_, client) = await ClientAsync(Role.Staff4222);
        var (_, admin) = await ClientAsync(Role.Admin);
        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "logo.png", "لوگو");
        var mediaId = image.GetProperty("id").GetInt64();
        var employer = Id(await CreateAsync(client, Unique(), image: mediaId));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{MediaHttp.Path}/{mediaId}")).StatusCode);

        var media = await EntriesAsync(admin, $"object_type=media&object_id={mediaId}");
        Assert.Equal(["media.delete", "media.upload"], media.Select(Action));
        using var uploaded = JsonDocument.Parse(Changes(media[1]));
        var file = uploaded.RootElement.GetProperty("file").GetProperty("new").GetString()!;
        Assert.StartsWith("core_media/", file, StringComparison.Ordinal);
        Assert.Equal("لوگو", uploaded.RootElement.GetProperty("name").GetProperty("new").GetString());
        Assert.Equal(40, uploaded.RootElement.GetProperty("width").GetProperty("new").GetInt32());
        Assert.Equal(4, uploaded.RootElement.GetProperty("thumbnails").GetProperty("new").GetArrayLength());
        Assert.Equal(file, JsonDocument.Parse(Changes(media[0])).RootElement.GetProperty("file").GetProperty("old").GetString());
        Assert.Equal("لوگو", media[0].GetProperty("object_name").GetString());

        var history = await HistoryAsync(client, employer);
        Assert.Equal(["employer.update", "employer.create"], history.Select(Action));
        Assert.Equal($$$"""{"image":{"old":{{{mediaId}}},"new":null}}""", Changes(history[0]));
        Assert.Equal(media[0].GetProperty("request_id").GetString(), history[0].GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task User_changes_are_entries_per_field_per_permission_and_for_the_password_which_is_never_written()
    {
        var (_, admin) = await ClientAsync(Role.Admin);
        const string first = "first secret passphrase", second = "second secret passphrase";
        var username = $"audited-{Guid.NewGuid():N}"[..24];
        var created = await ReadAsync(
            await admin.PostAsync("/api/users", Drf.Json(Body(new { username, password = first, permissions = Granted }))),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt64();
        await Login.TokenAsync(api, username, first);
        await ReadAsync(
            await admin.PatchAsync($"/api/users/{id}", Drf.Json(Body(new { is_staff = true, permissions = Array.Empty<int>(), password = second }))),
            HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/users/{id}")).StatusCode);

        var entries = await EntriesAsync(admin, $"object_type=user&object_id={id}");

        Assert.Equal(
            ["user.delete", "password.change", "permission.revoke", "user.update", "login.success", "permission.grant", "user.create"],
            entries.Select(Action));
        Assert.Equal($$$"""{"username":{"new":"{{{username}}}"},"is_staff":{"new":false},"is_superuser":{"new":false},"is_active":{"new":true}}""", Changes(entries[6]));
        Assert.Equal("""{"permission":{"new":4222}}""", Changes(entries[5]));
        Assert.Equal("""{"is_staff":{"old":false,"new":true}}""", Changes(entries[3]));
        Assert.Equal("""{"permission":{"old":4222}}""", Changes(entries[2]));
        Assert.Equal("""{"tokens":{"old":1,"new":0}}""", Changes(entries[1]));
        Assert.Equal($$$"""{"username":{"old":"{{{username}}}"},"is_staff":{"old":true},"is_superuser":{"old":false},"is_active":{"old":true},"permissions":{"old":[]}}""", Changes(entries[0]));
        var everything = JsonSerializer.Serialize(await EntriesAsync(admin, ""));
        Assert.DoesNotContain(first, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(second, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logins_are_entries_with_the_username_tried_and_the_address_never_the_password_or_the_key()
    {
        const string password = "the right passphrase";
        var user = await api.CreateUserAsync(Role.Plain, password);
        var (_, admin) = await ClientAsync(Role.Admin);
        var stranger = api.ClientFrom("198.51.100.23");
        var nobody = $"nobody-{Guid.NewGuid():N}";

        await stranger.PostAsync("/api/auth/token", Drf.Json(Login.Body(user.Username, "a wrong guess")));
        await stranger.PostAsync("/api/auth/token", Drf.Json(Login.Body(nobody, "another guess")));
        var key = await Login.KeyFromAsync(await stranger.PostAsync("/api/auth/token", Drf.Json(Login.Body(user.Username, password))));
        var session = api.ClientWithToken(key);
        Assert.Equal(HttpStatusCode.NoContent, (await session.DeleteAsync("/api/auth/token")).StatusCode);

        var failures = await EntriesAsync(admin, "action=login.failure");
        var wrong = failures.Single(e => e.GetProperty("object_name").GetString() == user.Username);
        Assert.Equal(user.Id, wrong.GetProperty("object_id").GetInt64());
        Assert.Equal(JsonValueKind.Null, wrong.GetProperty("actor").ValueKind);
        Assert.Equal(JsonValueKind.Null, wrong.GetProperty("actor_id").ValueKind);
        Assert.Equal("198.51.100.23", wrong.GetProperty("client_address").GetString());
        var unknown = failures.Single(e => e.GetProperty("object_name").GetString() == nobody);
        Assert.Equal(JsonValueKind.Null, unknown.GetProperty("object_id").ValueKind);

        var own = await EntriesAsync(admin, $"actor_id={user.Id}");
        Assert.Equal(["token.revoke", "token.issue", "login.success"], own.Select(Action));
        Assert.Equal(own[0].GetProperty("object_id").GetInt64(), own[1].GetProperty("object_id").GetInt64());
        Assert.Equal("token", own[1].GetProperty("object_type").GetString());
        Assert.Equal("198.51.100.23", own[1].GetProperty("client_address").GetString());

        var everything = JsonSerializer.Serialize(await EntriesAsync(admin, ""));
        Assert.DoesNotContain(password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("a wrong guess", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(key, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Token, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_keeps_its_actor_when_the_actor_is_deleted()
    {
        var (doomed, client) = await ClientAsync(Role.Admin);
        var (_, other) = await ClientAsync(Role.Admin);
        var id = Id(await CreateAsync(client, Unique()));
        Assert.Equal(HttpStatusCode.NoContent, (await other.DeleteAsync($"/api/users/{doomed.Id}")).StatusCode);

        var entry = (await EntriesAsync(other, $"object_type=employer&object_id={id}")).Single();

        Assert.Equal(doomed.Id, entry.GetProperty("actor_id").GetInt64());
        Assert.Equal(doomed.Username, entry.GetProperty("actor").GetString());
    }
}
