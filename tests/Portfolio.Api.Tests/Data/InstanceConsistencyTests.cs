using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Data;

// Each instance remembers tokens and employers it has read; a change made anywhere, through
// another instance or straight in the database, must show on the very next request.
public sealed class InstanceConsistencyTests : IDisposable
{
    private readonly ApiFactory _first;
    private readonly ApiFactory _second;

    public InstanceConsistencyTests()
    {
        _first = new ApiFactory();
        _second = _first.SecondInstance();
    }

    [Fact]
    public async Task A_rename_through_one_instance_is_read_at_once_through_the_other()
    {
        var employer = await Seed.EmployerAsync(_first, $"before {Guid.NewGuid():N}");
        var user = await _first.CreateUserAsync(Role.Staff4222);
        var reader = Authorized(_second, user);
        Assert.Equal(employer.Name, await NameAsync(reader, employer.Id));

        await _first.WithDbAsync(db => db.Employers.Where(e => e.Id == employer.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Name, "after")));

        Assert.Equal("after", await NameAsync(reader, employer.Id));
    }

    [Fact]
    public async Task A_deleted_employer_is_404_at_once_on_the_other_instance()
    {
        var employer = await Seed.EmployerAsync(_first, $"doomed {Guid.NewGuid():N}");
        var reader = Authorized(_second, await _first.CreateUserAsync(Role.Staff4222));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/portfolios/employers/{employer.Id}")).StatusCode);

        await Seed.DeleteEmployerAsync(_first, employer.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/portfolios/employers/{employer.Id}")).StatusCode);
    }

    // Counts are remembered per data generation: a search's count must follow every change, on
    // the instance that counted and on the other.
    [Fact]
    public async Task A_remembered_count_follows_changes_made_anywhere()
    {
        var token = Guid.NewGuid().ToString("N");
        var first = await Seed.EmployerAsync(_first, $"{token} one");
        var user = await _first.CreateUserAsync(Role.Staff4222);
        var (writer, reader) = (Authorized(_first, user), Authorized(_second, user));
        Assert.Equal(1, await CountAsync(reader, token));
        Assert.Equal(1, await CountAsync(reader, $"one {token}"));

        var created = await writer.PostAsync("/api/portfolios/employers", JsonContent.Create(new { name = $"{token} two" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2, await CountAsync(reader, token));
        Assert.Equal(2, await CountAsync(writer, token));

        await Seed.DeleteEmployerAsync(_first, first.Id);
        Assert.Equal(1, await CountAsync(reader, token));
        Assert.Equal(0, await CountAsync(reader, $"{token} one"));
    }

    [Fact]
    public async Task Revoking_4222_deactivating_and_deleting_end_access_on_the_next_request()
    {
        var employer = await Seed.EmployerAsync(_first, $"guarded {Guid.NewGuid():N}");
        var user = await _first.CreateUserAsync(Role.Staff4222);
        var client = Authorized(_second, user);
        var path = $"/api/portfolios/employers/{employer.Id}";
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        await _first.WithDbAsync(db => db.UserPermissions.Where(p => p.UserId == user.Id).ExecuteDeleteAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);

        await _first.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsSuperuser, true)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);

        await _first.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, false)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path)).StatusCode);

        await _first.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync());
        var response = await client.GetAsync(path);
        await Drf.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Invalid token.");
    }

    [Fact]
    public async Task Recording_a_tokens_last_use_does_not_discard_what_instances_remember()
    {
        var before = await GenerationAsync();

        await _first.WithDbAsync(db => db.Tokens.ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, DateTime.UtcNow)));

        Assert.Equal(before, await GenerationAsync());
    }

    [Fact]
    public async Task A_database_restored_from_an_older_backup_never_replays_a_remembered_generation()
    {
        var employer = await Seed.EmployerAsync(_first, $"restored {Guid.NewGuid():N}");
        var reader = Authorized(_second, await _first.CreateUserAsync(Role.Staff4222));
        var remembered = await GenerationAsync();
        Assert.Equal(employer.Name, await NameAsync(reader, employer.Id));

        // As a restore would: other rows, and a generation just below the one the reader remembers.
        await _first.WithDbAsync(db => db.Employers.Where(e => e.Id == employer.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Name, "from the backup")));
        await _first.WithDbAsync(db => db.DataGenerations.ExecuteUpdateAsync(set => set.SetProperty(g => g.Value, remembered - 1)));

        // One more change after the restore must not land on the remembered number.
        await Task.Delay(5);
        await _first.CreateUserAsync(Role.Plain);

        Assert.NotEqual(remembered, await GenerationAsync());
        Assert.Equal("from the backup", await NameAsync(reader, employer.Id));
    }

    private Task<long> GenerationAsync() => _first.WithDbAsync(db => db.DataGenerations.Select(g => g.Value).SingleAsync());

    private static HttpClient Authorized(ApiFactory api, TestUser user)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Token {user.Token}");
        return client;
    }

    private static async Task<int> CountAsync(HttpClient client, string search)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/portfolios/employers?search={Uri.EscapeDataString(search)}"));
        return json.RootElement.GetProperty("count").GetInt32();
    }

    private static async Task<string?> NameAsync(HttpClient client, long id)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/portfolios/employers/{id}"));
        return json.RootElement.GetProperty("name").GetString();
    }

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }
}
