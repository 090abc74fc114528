using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Api.Audit;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Audit.AuditHttp;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Audit;

// The chain itself: its canonical form against vectors computed elsewhere, whole under writers on
// two instances, and pruned by the retention setting without breaking.
public sealed class AuditChainTests
{
    private static readonly DateTime At = new(2026, 1, 13, 9, 55, 0, DateTimeKind.Utc);

    // Computed with Python's hashlib from the form docs/design.md describes, so that anyone can
    // check a trail without this code.
    [Fact]
    public void Each_link_is_SHA256_over_the_previous_hash_and_the_entrys_length_prefixed_fields()
    {
        var first = new AuditEntry
        {
            Id = 1,
            At = At.AddTicks(7_503_060),
            ActorId = 3,
            Actor = "admin",
            Action = "employer.create",
            ObjectType = "employer",
            ObjectId = 17,
            ObjectName = "همکاران سیستم",
            Changes = """{"name":{"new":"همکاران سیستم"}}""",
            RequestId = "0HN:00000001",
            ClientAddress = "127.0.0.1",
        };
        var second = new AuditEntry
        {
            Id = 2,
            At = first.At,
            Actor = "system",
            Action = "token.issue",
            ObjectType = "token",
            ObjectId = 5,
            ObjectName = "admin",
            Changes = "{}",
        };

        var firstHash = AuditChain.Link(AuditChain.Genesis, first);

        Assert.Equal("393fc5c8b3235a4ed0c3edce6d410185e7695b5bf2a1c98b75290f1047d08c6f", AuditChain.Format(firstHash));
        Assert.Equal("94ca94f3611fad5dd07a7e1a65f05e543133714bae01342e5be7fae689597749", AuditChain.Format(AuditChain.Link(firstHash, second)));
    }

    // 20 writers, half on each of two instances of one database, each creating and changing
    // employers: every acknowledged change has exactly one entry, and the chain has no gap.
    [Fact]
    public async Task Twenty_writers_on_two_instances_leave_a_whole_chain_with_an_entry_per_acknowledged_change()
    {
        using var first = new ApiFactory();
        using var second = first.SecondInstance();
        var user = await first.CreateUserAsync(Role.Staff4222);
        var clients = new[] { first.ClientWithToken(user.Token), second.ClientWithToken(user.Token) };
        var before = await HeadAsync(first);
        const int writers = 20, rounds = 5;

        var acknowledged = await Task.WhenAll(Enumerable.Range(0, writers).Select(async writer =>
        {
            var client = clients[writer % 2];
            var ids = new List<long>();
            for (var round = 0; round < rounds; round++)
            {
                var id = Id(await CreateAsync(client, Unique($"writer {writer}")));
                ids.Add(id);
                await ReadAsync(await PatchAsync(client, id, Body(new { description = $"round {round}" })), HttpStatusCode.OK);
            }

            return ids;
        }));

        var created = acknowledged.SelectMany(ids => ids).ToHashSet();
        var entries = await first.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Id > before).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(writers * rounds * 2, entries.Count);
        Assert.Equal(Enumerable.Range((int)before + 1, entries.Count).Select(i => (long)i), entries.Select(e => e.Id));
        Assert.All(created, id => Assert.Equal(
            ["employer.create", "employer.update"],
            entries.Where(e => e.ObjectId == id).Select(e => e.Action)));
        var verdict = await VerifyAsync(second);
        Assert.Null(verdict.Problem);
        Assert.Equal(entries[^1].Id, verdict.LastId);
    }

    // A user change is serializable and locks the generation and the chain when it begins; an
    // employer write takes them when it commits. Taken in two orders, they deadlocked (a 503).
    [Fact]
    public async Task User_changes_and_employer_writes_side_by_side_all_succeed()
    {
        using var api = new ApiFactory();
        var admin = await api.ClientForAsync(Role.Admin);
        var users = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => api.CreateUserAsync(Role.Plain)));
        var employers = await Task.WhenAll(Enumerable.Range(0, 4).Select(async n => Id(await CreateAsync(admin, Unique($"beside users {n}")))));
        const int rounds = 10;

        var statuses = await Task.WhenAll(
            users.Select(async (user, n) =>
            {
                var answered = new List<HttpStatusCode>();
                for (var round = 0; round < rounds; round++)
                {
                    using var response = await admin.PatchAsync($"/api/users/{user.Id}", Drf.Json(Body(new { is_staff = round % 2 == 0 })));
                    answered.Add(response.StatusCode);
                }

                return answered;
            }).Concat(employers.Select(async id =>
            {
                var answered = new List<HttpStatusCode>();
                for (var round = 0; round < rounds; round++)
                {
                    using var response = await PatchAsync(admin, id, Body(new { description = $"round {round}" }));
                    answered.Add(response.StatusCode);
                }

                return answered;
            })));

        Assert.All(statuses.SelectMany(s => s), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Null((await VerifyAsync(api)).Problem);
    }

    [Fact]
    public async Task Retention_prunes_entries_older_than_the_setting_and_the_rest_still_verifies()
    {
        using var api = new RetainingFactory();
        var admin = await api.ClientForAsync(Role.Admin);
        var old = Id(await CreateAsync(admin, Unique("old")));
        var oldHead = await HeadAsync(api);
        api.Clock.Advance(TimeSpan.FromHours(2));
        var recent = Id(await CreateAsync(admin, Unique("recent")));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await api.WithDbAsync(db => db.AuditChain.AsNoTracking().SingleAsync())).AnchorId < oldHead && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var ends = await api.WithDbAsync(db => db.AuditChain.AsNoTracking().SingleAsync());
        Assert.Equal(oldHead, ends.AnchorId);
        Assert.Empty(await HistoryAsync(admin, old));
        Assert.Single(await HistoryAsync(admin, recent));
        var prune = (await EntriesAsync(admin, "action=audit.prune")).Single();
        Assert.Equal("system", prune.GetProperty("actor").GetString());
        Assert.Null((await VerifyAsync(api)).Problem);
    }

    private sealed class RetainingFactory : ApiFactory
    {
        public ManualClock Clock { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Audit:Retention"] = "01:00:00",
            ["Audit:RetentionInterval"] = "00:00:01",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}
