using Portfolio.Api.Data;

namespace Portfolio.Api.Tests.Data;

// Requests share generation reads, but never one that began before they arrived: that read may
// predate a change they must see.
public sealed class CoalescingGenerationReaderTests
{
    [Fact]
    public async Task Requests_arriving_during_a_read_share_the_next_read_not_the_running_one()
    {
        var database = new SteppedReader();
        var reader = new CoalescingGenerationReader(database);

        var first = reader.ReadAsync(CancellationToken.None).AsTask();
        var later = Enumerable.Range(0, 10).Select(_ => reader.ReadAsync(CancellationToken.None).AsTask()).ToList();
        database.Finish(1);
        Assert.Equal(1, await first);
        await database.Started(2);
        Assert.All(later, read => Assert.False(read.IsCompleted));
        database.Finish(2);

        Assert.All(await Task.WhenAll(later), value => Assert.Equal(2, value));
        Assert.Equal(2, database.Reads);
    }

    [Fact]
    public async Task A_failed_read_fails_its_round_and_the_next_request_reads_again()
    {
        var database = new SteppedReader();
        var reader = new CoalescingGenerationReader(database);

        var failed = reader.ReadAsync(CancellationToken.None).AsTask();
        database.Fail(new TimeoutException("down"));
        await Assert.ThrowsAsync<TimeoutException>(() => failed);
        var next = reader.ReadAsync(CancellationToken.None).AsTask();
        database.Finish(7);

        Assert.Equal(7, await next);
    }

    // A database whose reads finish when the test says, in the order they started.
    private sealed class SteppedReader : IGenerationReader
    {
        private readonly List<TaskCompletionSource<long>> _reads = [];
        private readonly Lock _gate = new();

        public int Reads
        {
            get
            {
                lock (_gate)
                {
                    return _reads.Count;
                }
            }
        }

        public ValueTask<long> ReadAsync(CancellationToken ct)
        {
            var read = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                _reads.Add(read);
            }

            return new ValueTask<long>(read.Task);
        }

        public async Task Started(int count)
        {
            while (Reads < count)
            {
                await Task.Delay(1);
            }
        }

        public void Finish(long value) => Last().SetResult(value);

        public void Fail(Exception e) => Last().SetException(e);

        private TaskCompletionSource<long> Last()
        {
            lock (_gate)
            {
                return _reads[^1];
            }
        }
    }
}
