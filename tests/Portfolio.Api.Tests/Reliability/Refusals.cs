using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Reliability;

// What every outage test promises of the calls it saw refused, and how it reports them.
internal static class Refusals
{
    public static readonly TimeSpan Recovery = TimeSpan.FromSeconds(5);

    // From the load's start: 17 s of schedule and the checks. Setting up (service processes,
    // moto) depends on the machine and is not counted.
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    // "261 answered 503, 503 latency max 976 ms, last 503 12 ms after the return"; the latency of
    // calls made once the outage began.
    public static string Figures(IReadOnlyCollection<Call> refusals, TimeSpan stopping, TimeSpan back)
    {
        var during = refusals.Where(c => c.Start >= stopping).ToList();
        var latency = during.Count == 0 ? 0 : during.Max(c => c.Took.TotalMilliseconds);
        var last = refusals.Count == 0 ? back : refusals.Max(c => c.End);
        return $"{refusals.Count} answered 503, 503 latency max {latency:F0} ms, last 503 {Math.Max(0, (last - back).TotalMilliseconds):F0} ms after the return";
    }

    // Each in the contract's shape with the given detail; each call made once the outage began
    // answered within failFast. A call already in flight then took what a busy machine took
    // before it was cut off: the client's timeout bounds it.
    public static async Task AssertCleanAsync(IReadOnlyCollection<Call> refusals, string detail, TimeSpan failFast, TimeSpan stopping)
    {
        Assert.All(refusals.Where(c => c.Start >= stopping), c => Assert.True(c.Took < failFast, $"slow 503: {c}"));
        foreach (var refusal in refusals)
        {
            await Drf.AssertErrorAsync(refusal.Refusal!, HttpStatusCode.ServiceUnavailable, detail);
        }
    }

    // Every call started Recovery after the return succeeded, with no restart in between.
    public static void AssertRecovered(IReadOnlyCollection<Call> afterRecovery, TimeSpan back)
    {
        Assert.NotEmpty(afterRecovery);
        Assert.All(afterRecovery, c => Assert.True(c.Succeeded, $"{(c.Start - back).TotalSeconds:F1} s after the return: {c}"));
    }
}
