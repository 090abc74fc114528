using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Employers;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// Racing writers of one name: the unique index decides, the losers get the same 400 as a plain
// duplicate, and no request fails with a 5xx.
public sealed class ConcurrentWritesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int Racers = 20;
    private const string Duplicate = """{"name": ["employer with this name already exists."]}""";

    [Fact]
    public async Task Twenty_concurrent_creates_of_one_name_give_exactly_one_201()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");

        // Half send the Persian spelling, half the Arabic one: the same name to the index.
        var responses = await RaceAsync(Enumerable.Range(0, Racers),
            i => PostAsync(client, Body(new { name = i % 2 == 0 ? $"کیان {token}" : $"كيان {token}" })));

        await AssertOneWinnerAsync(responses, HttpStatusCode.Created);
        var normalized = EmployerName.Normalize($"کیان {token}");
        Assert.Equal(1, await api.WithDbAsync(db => db.Employers.CountAsync(e => e.NormalizedName == normalized)));
    }

    [Fact]
    public async Task Twenty_concurrent_renames_to_one_name_give_exactly_one_200()
    {
        var client = await StaffAsync(api);
        var ids = new List<long>();
        for (var i = 0; i < Racers; i++)
        {
            ids.Add(Id(await CreateAsync(client, Unique("racer"))));
        }

        var before = await Task.WhenAll(ids.Select(id => StoredAsync(api, id)));
        var target = Unique("winner");
        var responses = await RaceAsync(ids, id => PatchAsync(client, id, Body(new { name = target })));

        await AssertOneWinnerAsync(responses, HttpStatusCode.OK);
        var after = await Task.WhenAll(ids.Select(id => StoredAsync(api, id)));
        var winner = Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.OK);
        for (var i = 0; i < ids.Count; i++)
        {
            if (i == winner)
            {
                Assert.Contains($"|{target}|", after[i], StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(before[i], after[i]);
            }
        }
    }

    // Every request is made ready first and released at once.
    private static async Task<HttpResponseMessage[]> RaceAsync<T>(IEnumerable<T> items, Func<T, Task<HttpResponseMessage>> send)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = items.Select(async item =>
        {
            await gate.Task;
            return await send(item);
        }).ToList();
        gate.SetResult();
        return await Task.WhenAll(racers);
    }

    private static async Task AssertOneWinnerAsync(HttpResponseMessage[] responses, HttpStatusCode success)
    {
        Assert.Equal(Racers, responses.Length);
        var statuses = responses.Select(r => (int)r.StatusCode).ToList();
        Assert.True(statuses.Count(s => s == (int)success) == 1, string.Join(", ", statuses));
        foreach (var loser in responses.Where(r => r.StatusCode != success))
        {
            await Drf.AssertBodyAsync(loser, HttpStatusCode.BadRequest, Duplicate);
        }
    }
}
