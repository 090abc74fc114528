using System.Diagnostics;
using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Data;

// PostgreSQL stopped and started again while the service runs: requests fail fast with 503 while
// it is down and succeed again within 5 seconds of its return, with no restart of the service.
// Each test has a cluster of its own, so that stopping it disturbs no other test.
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan FailFast = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(5);

    [PostgresFact]
    public async Task Under_load_requests_answer_503_at_once_while_PostgreSQL_is_down_and_200_within_5_seconds_of_its_return()
    {
        using var api = new OutageApi();
        var cluster = api.Cluster;
        var (client, path) = await api.EmployerReaderAsync();
        var clock = Stopwatch.StartNew();
        using var stopLoad = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(_ => LoadAsync(client, path, clock, stopLoad.Token)).ToList();

        await Task.Delay(500);
        cluster.StopServer();
        var stopped = clock.Elapsed;
        await Task.Delay(1500);
        var readyWhileDown = await api.CreateClient().GetAsync("/readyz");
        var bodyWhileDown = await client.GetAsync(path);
        var restarting = clock.Elapsed;
        cluster.StartServer();
        await Task.Delay(Recovery + TimeSpan.FromSeconds(1));
        await stopLoad.CancelAsync();
        var calls = (await Task.WhenAll(workers)).SelectMany(c => c).ToList();

        Assert.All(calls, c => Assert.True(c.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{c.Status} at {c.Start}"));
        var whileDown = calls.Where(c => c.Start > stopped && c.Start + c.Took < restarting).ToList();
        Assert.True(whileDown.Count > 10, $"only {whileDown.Count} requests while the database was down");
        Assert.All(whileDown, c => Assert.Equal(HttpStatusCode.ServiceUnavailable, c.Status));
        Assert.All(whileDown, c => Assert.True(c.Took < FailFast, $"a 503 took {c.Took.TotalMilliseconds:F0} ms"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown.StatusCode);
        await Drf.AssertErrorAsync(bodyWhileDown, HttpStatusCode.ServiceUnavailable, "The database is unavailable.");
        var afterRecovery = calls.Where(c => c.Start > restarting + Recovery).ToList();
        Assert.NotEmpty(afterRecovery);
        Assert.All(afterRecovery, c => Assert.Equal(HttpStatusCode.OK, c.Status));
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/readyz")).StatusCode);
    }

    [PostgresFact]
    public async Task A_service_idle_through_a_database_restart_answers_its_first_request_after_it()
    {
        using var api = new OutageApi();
        var cluster = api.Cluster;
        var (client, path) = await api.EmployerReaderAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetAsync(path)));

        cluster.StopServer();
        cluster.StartServer();

        // Every connection in the pool died with the server; none may be handed to a request.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    private static async Task<List<Call>> LoadAsync(HttpClient client, string path, Stopwatch clock, CancellationToken stop)
    {
        var calls = new List<Call>();
        while (!stop.IsCancellationRequested)
        {
            var start = clock.Elapsed;
            using var response = await client.GetAsync(path, CancellationToken.None);
            calls.Add(new Call(start, clock.Elapsed - start, response.StatusCode));
            await Task.Delay(10, CancellationToken.None);
        }

        return calls;
    }

    private sealed record Call(TimeSpan Start, TimeSpan Took, HttpStatusCode Status);

    // A service on a cluster of its own, which the test stops and starts.
    private sealed class OutageApi : ApiFactory
    {
        public OutageApi()
            : this(PostgresCluster.Start())
        {
        }

        private OutageApi(PostgresCluster cluster)
            : base(new PostgresTestDatabase(cluster, migrated: true)) => Cluster = cluster;

        public PostgresCluster Cluster { get; }

        // A staff client holding 4222 and the path of an employer it may read.
        public async Task<(HttpClient Client, string Path)> EmployerReaderAsync() =>
            (await ClientForAsync(Role.Staff4222), $"/api/portfolios/employers/{(await Seed.EmployerAsync(this, "outage")).Id}");

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                Cluster.Dispose();
            }
        }
    }
}
