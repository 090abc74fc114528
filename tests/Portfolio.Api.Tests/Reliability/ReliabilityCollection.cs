namespace Portfolio.Api.Tests.Reliability;

// The outage tests measure latencies and recovery times: they run one at a time, after the rest of
// the suite, so that no other test's load skews their figures.
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ReliabilityCollection
{
    public const string Name = "Reliability";
}
