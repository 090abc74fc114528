using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

public sealed class TokenLastUseTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task Last_used_is_written_on_first_use_and_then_at_most_once_a_minute()
    {
        var user = await api.CreateUserAsync(Role.Plain);
        var client = api.ClientWithToken(user.Token);
        Task<DateTime?> LastUsedAsync() => api.WithDbAsync(db => db.Tokens.Where(t => t.UserId == user.Id).Select(t => t.LastUsedAt).SingleAsync());
        Assert.Null(await LastUsedAsync());

        await client.GetAsync("/api/auth/me");
        var first = await LastUsedAsync();
        api.Clock.Advance(TimeSpan.FromSeconds(50));
        await client.GetAsync("/api/auth/me");
        var second = await LastUsedAsync();
        api.Clock.Advance(TimeSpan.FromSeconds(20));
        await client.GetAsync("/api/auth/me");
        var third = await LastUsedAsync();

        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(first!.Value.AddSeconds(70), third);
    }

    [SqliteFact("SQLite has one writer at a time; PostgreSQL's row locks do not block this read")]
    public async Task A_read_succeeds_while_another_writer_holds_the_database()
    {
        var user = await api.CreateUserAsync(Role.Plain);
        var client = api.ClientWithToken(user.Token);
        // Unpooled: a pooled connection would go back to the pool still inside its BEGIN and hand
        // the next test a transaction it cannot begin.
        await using var writer = new SqliteConnection($"Data Source={api.DatabasePath};Pooling=False");
        await writer.OpenAsync();
        await using var hold = writer.CreateCommand();
        hold.CommandText = "BEGIN IMMEDIATE";
        await hold.ExecuteNonQueryAsync();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await client.GetAsync("/api/auth/me");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
