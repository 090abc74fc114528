using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Api.Data.Postgres;
using Portfolio.Api.Http;
using Portfolio.Api.Tests.Employers;
using Portfolio.Api.Tests.TestHost;
using Xunit.Abstractions;

namespace Portfolio.Api.Tests.Reliability;

// Two service processes on one PostgreSQL cluster of the test's own, each under reads and writes,
// while the cluster restarts or stops for 10 s. While it is down every answer is the contract's
// 503, at once; within 5 s of its return every answer succeeds again with neither service
// restarted; no write acknowledged before, during or after is lost; nothing ever answers 500.
[Collection(ReliabilityCollection.Name)]
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(2);

    [PostgresFact]
    public async Task Two_instances_under_load_come_through_a_PostgreSQL_restart_with_no_500_and_no_acknowledged_write_lost()
    {
        await using var run = await TwoInstances.StartAsync();

        var outage = await run.UnderLoadAsync(cluster => cluster.Restart(), TimeSpan.Zero, start: null);

        run.WriteReasons(output);
        await AssertCleanAsync(outage);
        await AssertNoAcknowledgedWriteLostAsync(run, outage);
        Assert.True(outage.Took < Refusals.Bound, $"the outage and its checks took {outage.Took.TotalSeconds:F0} s");
    }

    [PostgresFact]
    public async Task Two_instances_under_load_answer_503_at_once_through_a_10_second_stop_and_succeed_within_5_seconds_of_the_start()
    {
        await using var run = await TwoInstances.StartAsync();

        var outage = await run.UnderLoadAsync(cluster => cluster.StopServer(), TimeSpan.FromSeconds(10), cluster => cluster.StartServer());

        var whileDown = outage.Calls.Where(c => c.Start > outage.Down && c.End < outage.Starting).ToList();
        foreach (var instance in new[] { 0, 1 })
        {
            Assert.True(whileDown.Count(c => c.Instance == instance) > 10, $"only {whileDown.Count(c => c.Instance == instance)} requests to instance {instance} while the database was down");
        }

        run.WriteReasons(output);
        Assert.All(whileDown, c => Assert.True(c.Status == HttpStatusCode.ServiceUnavailable, $"while down: {c}"));
        await AssertCleanAsync(outage);
        await AssertNoAcknowledgedWriteLostAsync(run, outage);
        Assert.True(outage.Took < Refusals.Bound, $"the outage and its checks took {outage.Took.TotalSeconds:F0} s");
    }

    // No 500, no hang, no refused connection; every 503 in the contract's shape, and fast once the
    // outage began; every call from 5 s after the database's return on a success.
    private async Task AssertCleanAsync(Outage outage)
    {
        var calls = outage.Calls;
        var refusals = calls.Where(c => !c.Succeeded).ToList();
        var afterRecovery = calls.Where(c => c.Start > outage.Back + Refusals.Recovery).ToList();
        output.WriteLine($"{calls.Count} requests ({calls.Count(c => c.End < outage.Stopping)} before the outage), {calls.Count(c => c.Start > outage.Stopping && c.End < outage.Back)} during it " +
            $"({(outage.Back - outage.Stopping).TotalSeconds:F1} s from stop to return), {Refusals.Figures(refusals, outage.Stopping, outage.Back)}");

        Assert.All(calls, c => Assert.True(c.Succeeded || c.Status == HttpStatusCode.ServiceUnavailable, c.ToString()));
        await Refusals.AssertCleanAsync(refusals, DrfErrors.DatabaseUnavailableDetail, FailFast, outage.Stopping);

        foreach (var instance in new[] { 0, 1 })
        {
            Assert.Contains(afterRecovery, c => c.Instance == instance && c.Kind == CallKind.Create);
        }

        Refusals.AssertRecovered(afterRecovery, outage.Back);
    }

    // Every 201 create is stored with its name; every employer holds its last acknowledged patch
    // or a later one (a patch whose answer was lost may have committed); the audit chain verifies.
    private async Task AssertNoAcknowledgedWriteLostAsync(TwoInstances run, Outage outage)
    {
        await using var db = run.OpenDatabase();
        var stored = await db.Employers.AsNoTracking().ToDictionaryAsync(e => e.Id, e => (e.Name, e.Description));
        var created = outage.Calls.Where(c => c.Kind == CallKind.Create && c.Status == HttpStatusCode.Created).ToList();
        var patched = outage.Calls.Where(c => c.Kind == CallKind.Patch && c.Status == HttpStatusCode.OK).ToList();
        var lost = created.Count(c => !stored.TryGetValue(c.Id!.Value, out var row) || row.Name != c.Value)
            + patched.GroupBy(c => c.Id!.Value).Count(g => Sequence(stored.GetValueOrDefault(g.Key).Description) < g.Max(c => Sequence(c.Value)));
        var names = stored.Values.Select(r => r.Name).ToHashSet();
        var refusedButStored = outage.Calls.Count(c => c.Kind == CallKind.Create && !c.Succeeded && names.Contains(c.Value!));
        output.WriteLine($"writes acknowledged: {created.Count} creates, {patched.Count} patches " +
            $"({created.Count(c => c.Start > outage.Stopping && c.End < outage.Back + Refusals.Recovery)} creates and " +
            $"{patched.Count(c => c.Start > outage.Stopping && c.End < outage.Back + Refusals.Recovery)} patches between the stop and 5 s after the return); lost: {lost}; creates answered 503 but stored: {refusedButStored}");

        Assert.Equal(0, lost);
        var verify = await ManagementCommand.RunAsync(run.WorkDir, run.Database, "", "verify-audit");
        Assert.True(verify.ExitCode == 0, $"the audit chain after the outage: {verify.Output}{verify.Error}");
    }

    private static int Sequence(string? description) =>
        description is null || description == EmployerLoad.CreatedDescription ? -1 : int.Parse(description["patch ".Length..], System.Globalization.CultureInfo.InvariantCulture);

    // What the test saw, on its clock: the outage began at Stopping, the database was surely down
    // from Down until Starting and answered again from Back.
    private sealed record Outage(List<Call> Calls, TimeSpan Stopping, TimeSpan Down, TimeSpan Starting, TimeSpan Back, Stopwatch Clock)
    {
        public TimeSpan Took => Clock.Elapsed;
    }

    private sealed class TwoInstances : IAsyncDisposable
    {
        private readonly PostgresCluster _cluster;
        private readonly ServiceProcess[] _services;
        private readonly HttpClient[] _clients;

        private TwoInstances(PostgresCluster cluster, TestDatabase database, ServiceProcess[] services, string token)
        {
            _cluster = cluster;
            Database = database;
            _services = services;
            _clients = [.. services.Select(s => Client(s, token, TimeSpan.FromSeconds(10)))];
        }

        public TestDatabase Database { get; }

        public string WorkDir => _services[0].WorkDir;

        // Outside the test database's pool, whose idle connections died with the server.
        public PostgresAppDb OpenDatabase()
        {
            var options = new DbContextOptionsBuilder<PostgresAppDb>();
            PostgresSetup.Configure(options, NpgsqlDataSource.Create(Database.ConnectionString + ";Pooling=false"));
            return new PostgresAppDb(options.Options);
        }

        // Each instance has answered a read and a write before the load starts, as patiently as a
        // cold process on a busy machine needs: its first connections and compiled queries are not
        // what the test measures.
        public static async Task<TwoInstances> StartAsync()
        {
            var cluster = PostgresCluster.Start();
            var database = new PostgresTestDatabase(cluster, migrated: true);
            var services = await Task.WhenAll(ServiceProcess.StartAsync(database), ServiceProcess.StartAsync(database));
            var token = await services[0].AdminTokenAsync();
            foreach (var service in services)
            {
                using var client = Client(service, token, TimeSpan.FromSeconds(60));
                await EmployerHttp.RetrieveAsync(client, EmployerHttp.Id(await EmployerHttp.CreateAsync(client, EmployerHttp.Unique("warm"))));
            }

            return new TwoInstances(cluster, database, services, token);
        }

        private static HttpClient Client(ServiceProcess service, string token, TimeSpan timeout)
        {
            var client = new HttpClient { BaseAddress = new Uri(service.BaseUrl), Timeout = timeout };
            client.DefaultRequestHeaders.Authorization = new("Token", token);
            return client;
        }

        // The first reasons each instance logged for a 503, as an operator reads them.
        public void WriteReasons(ITestOutputHelper output)
        {
            for (var i = 0; i < _services.Length; i++)
            {
                foreach (var line in _services[i].Output.Split('\n').Where(l => l.Contains("the database is unavailable", StringComparison.Ordinal)).Take(2))
                {
                    output.WriteLine($"instance {i}: {line.Trim()}");
                }
            }
        }

        // Two readers and two writers on each instance from a second before the outage until 6 s
        // after the database's return; stopping and starting block, so they run off the test's thread.
        public async Task<Outage> UnderLoadAsync(Action<PostgresCluster> stop, TimeSpan downFor, Action<PostgresCluster>? start)
        {
            var readId = EmployerHttp.Id(await EmployerHttp.CreateAsync(_clients[0], EmployerHttp.Unique("read")));
            var clock = Stopwatch.StartNew();
            using var stopLoad = new CancellationTokenSource();
            var load = _clients.Select((client, i) => new EmployerLoad(client, i, clock).RunAsync(readId, readers: 2, writers: 2, stopLoad.Token)).ToList();

            await Task.Delay(TimeSpan.FromSeconds(1));
            var stopping = clock.Elapsed;
            await Task.Run(() => stop(_cluster));
            var down = clock.Elapsed;
            await Task.Delay(downFor);
            var starting = clock.Elapsed;
            if (start is not null)
            {
                await Task.Run(() => start(_cluster));
            }

            var back = clock.Elapsed;
            await Task.Delay(Refusals.Recovery + TimeSpan.FromSeconds(1));
            await stopLoad.CancelAsync();
            return new Outage([.. (await Task.WhenAll(load)).SelectMany(c => c)], stopping, down, starting, back, clock);
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            foreach (var service in _services)
            {
                await service.DisposeAsync();
            }

            Database.Dispose();
            _cluster.Dispose();
        }
    }
}
