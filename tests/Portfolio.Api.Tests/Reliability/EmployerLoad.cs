using System.Diagnostics;
using System.Net;
using Portfolio.Api.Tests.Employers;

namespace Portfolio.Api.Tests.Reliability;

// Readers retrieving one employer and writers creating employers and patching their own, against
// one service, each call timed on a shared clock. A writer patches only employers it created, in
// order, so a later patch always carries a higher number: what is stored must be the last
// acknowledged patch or a later one.
internal sealed class EmployerLoad(HttpClient client, int instance, Stopwatch clock)
{
    public const string CreatedDescription = "created";

    public static string Patched(int sequence) => $"patch {sequence}";

    public Task<List<Call>> RunAsync(long readId, int readers, int writers, CancellationToken stop) =>
        GatherAsync([
            .. Enumerable.Range(0, readers).Select(_ => ReadAsync(readId, stop)),
            .. Enumerable.Range(0, writers).Select(_ => WriteAsync(stop)),
        ]);

    private static async Task<List<Call>> GatherAsync(IEnumerable<Task<List<Call>>> workers) =>
        [.. (await Task.WhenAll(workers)).SelectMany(calls => calls)];

    private async Task<List<Call>> ReadAsync(long id, CancellationToken stop)
    {
        var calls = new List<Call>();
        while (!stop.IsCancellationRequested)
        {
            calls.Add(await CallAsync(CallKind.Read, () => client.GetAsync($"{EmployerHttp.Url}/{id}", CancellationToken.None)));
            await Task.Delay(10, CancellationToken.None);
        }

        return calls;
    }

    private async Task<List<Call>> WriteAsync(CancellationToken stop)
    {
        var calls = new List<Call>();
        long? mine = null;
        for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            if (mine is not { } id || sequence % 3 == 0)
            {
                var name = EmployerHttp.Unique("load");
                var body = EmployerHttp.Body(new { name, description = CreatedDescription });
                var call = await CallAsync(CallKind.Create, () => EmployerHttp.PostAsync(client, body), name);
                mine = call.Status == HttpStatusCode.Created ? call.Id : mine;
                calls.Add(call);
            }
            else
            {
                var description = Patched(sequence);
                calls.Add(await CallAsync(CallKind.Patch, () => EmployerHttp.PatchAsync(client, id, EmployerHttp.Body(new { description })), description, id));
            }

            await Task.Delay(10, CancellationToken.None);
        }

        return calls;
    }

    private Task<Call> CallAsync(CallKind kind, Func<Task<HttpResponseMessage>> send, string? value = null, long? id = null) =>
        Call.TimeAsync(clock, instance, kind, send, value, id);
}
