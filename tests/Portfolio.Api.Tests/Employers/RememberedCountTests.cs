using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Api.Employers;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// A list's count is counted once and then carried across changes by the employers' text log
// (RememberedCounts). Whatever way the text changes, the count must be the one a fresh count gives;
// where the log cannot tell (too many changes, rows gone from it), the count is counted again.
public sealed class RememberedCountTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_count_follows_text_changed_into_and_out_of_a_match()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var kept = Id(await CreateAsync(client, $"kept {token}", "سیستم"));
        var other = Id(await CreateAsync(client, $"other {token}", "دیگر"));
        Assert.Equal(1, await CountAsync(client, $"سيستم {token}"));
        Assert.Equal(2, await CountAsync(client, token));

        (await PatchAsync(client, other, Body(new { description = "سیستم هم" }))).EnsureSuccessStatusCode();
        Assert.Equal(2, await CountAsync(client, $"سيستم {token}"));

        (await PatchAsync(client, kept, Body(new { name = $"renamed {token}", description = (string?)null }))).EnsureSuccessStatusCode();
        Assert.Equal(1, await CountAsync(client, $"سيستم {token}"));
        Assert.Equal(0, await CountAsync(client, $"kept {token}"));

        // A change that leaves the text as it was moves nothing.
        (await PatchAsync(client, other, Body(new { description = "سیستم هم" }))).EnsureSuccessStatusCode();
        Assert.Equal(1, await CountAsync(client, $"سيستم {token}"));
        Assert.Equal(2, await CountAsync(client, token));
    }

    [Fact]
    public async Task A_count_follows_changes_made_in_SQL_one_row_or_many()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var one = await Seed.EmployerAsync(api, $"one {token}");
        await Seed.EmployerAsync(api, $"two {token}");
        Assert.Equal(2, await CountAsync(client, token));
        Assert.Equal(1, await CountAsync(client, $"one {token}"));

        await RenameAsync(e => e.Id == one.Id, $"uno {token}");
        Assert.Equal(2, await CountAsync(client, token));
        Assert.Equal(0, await CountAsync(client, $"one {token}"));

        // 300 rows in one statement: more changes than a count is carried across.
        await api.WithDbAsync(async db =>
        {
            db.Employers.AddRange(Enumerable.Range(0, 300).Select(i => new Employer { Name = $"bulk {i} {token}" }));
            await db.SaveChangesAsync();
        });
        Assert.Equal(302, await CountAsync(client, token));

        await api.WithDbAsync(db => db.Employers.Where(e => e.NormalizedName.StartsWith("bulk ") && e.NormalizedName.EndsWith(token)).ExecuteDeleteAsync());
        Assert.Equal(2, await CountAsync(client, token));
    }

    // As after a restore from a backup: the log no longer holds the changes since the count, and
    // the data changed without them. The count must be counted again, not carried.
    [Fact]
    public async Task A_count_is_counted_again_when_the_log_lost_its_changes()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var leaving = await Seed.EmployerAsync(api, $"leaving {token}");
        Assert.Equal(1, await CountAsync(client, token));
        var lastLogged = await api.WithDbAsync(db => db.EmployerTextChanges.MaxAsync(c => c.Id));

        await RenameAsync(e => e.Id == leaving.Id, "gone elsewhere " + Guid.NewGuid().ToString("N"));
        await api.WithDbAsync(db => db.EmployerTextChanges.Where(c => c.Id >= lastLogged).ExecuteDeleteAsync());
        await Seed.EmployerAsync(api, "unrelated " + Guid.NewGuid().ToString("N"));

        Assert.Equal(0, await CountAsync(client, token));
    }

    // A count counted in full is shared through the database: another instance answers it (here
    // as planted in the shared row, which proves it did not count), and carries it across changes.
    [Fact]
    public async Task A_count_counted_by_one_instance_serves_the_others()
    {
        using var second = api.SecondInstance();
        using var third = api.SecondInstance();
        var user = await api.CreateUserAsync(Role.Staff4222);
        var token = Guid.NewGuid().ToString("N");
        await Seed.EmployerAsync(api, $"shared {token}");
        Assert.Equal(1, await CountAsync(api.ClientWithToken(user.Token), token));

        await Seed.EmployerAsync(api, $"shared too {token}");
        Assert.Equal(2, await CountAsync(second.ClientWithToken(user.Token), token));

        var key = SearchTerms.Of([token]).Key();
        await api.WithDbAsync(db => db.SharedCounts.Where(c => c.Key == key).ExecuteUpdateAsync(set => set.SetProperty(c => c.Matches, c => c.Matches + 40)));
        await Seed.EmployerAsync(api, $"shared three {token}");
        Assert.Equal(43, await CountAsync(third.ClientWithToken(user.Token), token));
    }

    // Writers on two instances, and readers whose counts are carried across their changes while
    // they commit: once the writers stop, every instance's count is the database's.
    [Fact]
    public async Task Counts_carried_while_two_instances_write_end_exact()
    {
        using var second = api.SecondInstance();
        var user = await api.CreateUserAsync(Role.Staff4222);
        HttpClient[] clients = [api.ClientWithToken(user.Token), second.ClientWithToken(user.Token)];
        var token = Guid.NewGuid().ToString("N");
        string[] searches = [token, $"سیستم {token}", $"پارس {token}", $"سیستم پارس {token}"];
        var ids = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(Id(await CreateAsync(clients[0], $"start {i} {token}")));
        }

        using var writing = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var client = clients[w % 2];
            for (var step = 0; step < 40; step++)
            {
                var id = ids[random.Next(ids.Count)];
                var text = random.Next(4) switch
                {
                    0 => "سیستم",
                    1 => "پارس",
                    2 => "سیستم و پارس",
                    _ => null,
                };
                var response = random.Next(5) == 0
                    ? await PostAsync(client, Body(new { name = $"new {w} {step} {token}", description = text }))
                    : await PatchAsync(client, id, Body(new { description = text }));
                Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}");
            }
        })).ToList();
        var readers = clients.Select(client => Task.Run(async () =>
        {
            while (!writing.IsCancellationRequested)
            {
                foreach (var search in searches)
                {
                    await CountAsync(client, search);
                }
            }
        })).ToList();

        await Task.WhenAll(writers);
        await writing.CancelAsync();
        await Task.WhenAll(readers);

        foreach (var search in searches)
        {
            var terms = EmployerSearch.Terms(search);
            var exact = await api.WithDbAsync(db => db.Employers.CountAsync(e => terms.All(t =>
                e.NormalizedName.Contains(t) || (e.NormalizedDescription != null && e.NormalizedDescription.Contains(t)))));
            Assert.Equal([exact, exact], await Task.WhenAll(clients.Select(client => CountAsync(client, search))));
        }
    }

    // A change may hand one employer's id to another: the count follows the texts. Two updates in
    // one transaction: in a single statement, PostgreSQL's row-by-row key check fails or not by
    // the rows' physical order.
    [Fact]
    public async Task A_count_follows_an_update_that_moves_ids()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var alpha = await Seed.EmployerAsync(api, $"alpha {token}");
        var beta = await Seed.EmployerAsync(api, $"beta {token}");
        Assert.Equal(1, await CountAsync(client, $"alpha {token}"));
        Assert.Equal(1, await CountAsync(client, $"beta {token}"));

        await api.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE employers SET id = {beta.Id + 1_000_000} WHERE id = {alpha.Id}");
            await db.Database.ExecuteSqlAsync($"UPDATE employers SET id = {alpha.Id} WHERE id = {beta.Id}");
            await transaction.CommitAsync();
        });

        Assert.Equal(1, await CountAsync(client, $"alpha {token}"));
        Assert.Equal(1, await CountAsync(client, $"beta {token}"));
    }

    // On SQLite the plan reads the words' vocabulary before the count. A writer that commits in
    // between must not leave the old plan's count remembered as the new data's, to be carried on.
    [SqliteFact("the search plan reads a vocabulary only on SQLite")]
    public async Task A_count_from_a_plan_older_than_the_data_is_not_remembered()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        await Seed.EmployerAsync(api, $"a{token}b");
        var counts = api.Services.GetRequiredService<RememberedCounts>();
        await api.WithDbAsync(async db =>
        {
            var generation = await db.DataGenerations.Select(g => g.Value).SingleAsync();
            var plan = await SearchPlan.ForAsync(db, [token], CancellationToken.None);
            await Seed.EmployerAsync(api, $"c{token}d");
            var list = new EmployerList(db, plan, null, new RememberedCount(counts, generation, SearchTerms.Of([token])));
            await list.CountAsync(CancellationToken.None);
        });

        await Seed.EmployerAsync(api, $"e{token}f");

        Assert.Equal(3, await CountAsync(client, token));
    }

    [Fact]
    public async Task A_count_made_while_the_log_was_empty_is_counted_again_after_a_change()
    {
        using var fresh = new ApiFactory();
        var client = await StaffAsync(fresh);
        Assert.Equal(0, await CountAsync(client, ""));

        await CreateAsync(client, Unique());

        Assert.Equal(1, await CountAsync(client, ""));
    }

    [Fact]
    public async Task The_log_keeps_its_newest_rows_only()
    {
        var token = Guid.NewGuid().ToString("N");
        await api.WithDbAsync(async db =>
        {
            db.Employers.AddRange(Enumerable.Range(0, 1_100).Select(i => new Employer { Name = $"logged {i} {token}" }));
            await db.SaveChangesAsync();
        });

        // The newest 1,024 rows are all this test's, each the text an employer took.
        var kept = await api.WithDbAsync(db => db.EmployerTextChanges.ToListAsync());
        Assert.Equal(1_024, kept.Count);
        Assert.All(kept, row => Assert.Equal((1, true), (row.Sign, row.NormalizedName.EndsWith(token, StringComparison.Ordinal))));
    }

    // Each commit trims only what it pushes out of the newest rows: many small commits add up to
    // the same log as one large one.
    [Fact]
    public async Task The_log_keeps_its_newest_rows_across_many_commits()
    {
        var token = Guid.NewGuid().ToString("N");
        for (var commit = 0; commit < 40; commit++)
        {
            await api.WithDbAsync(async db =>
            {
                db.Employers.AddRange(Enumerable.Range(0, 30).Select(i => new Employer { Name = $"logged {commit}-{i} {token}" }));
                await db.SaveChangesAsync();
            });
        }

        var kept = await api.WithDbAsync(db => db.EmployerTextChanges.Select(row => row.NormalizedName).ToListAsync());
        Assert.Equal(1_024, kept.Count);
        Assert.All(kept, name => Assert.EndsWith(token, name, StringComparison.Ordinal));
        // The 1,200 rows logged, less the 176 oldest: commits 0 to 4 and 26 rows of commit 5.
        var commits = kept.GroupBy(name => int.Parse(name.Split(' ')[1].Split('-')[0], System.Globalization.CultureInfo.InvariantCulture)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Enumerable.Range(5, 35), commits.Keys.Order());
        Assert.Equal(4, commits[5]);
    }

    private Task<int> RenameAsync(Expression<Func<Employer, bool>> which, string name) =>
        api.WithDbAsync(db => db.Employers.Where(which).ExecuteUpdateAsync(set => set
            .SetProperty(e => e.Name, name)
            .SetProperty(e => e.NormalizedName, EmployerName.Normalize(name))));

    private static async Task<int> CountAsync(HttpClient client, string search)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"{Url}?search={Uri.EscapeDataString(search)}"));
        return json.RootElement.GetProperty("count").GetInt32();
    }
}
