using System.Collections.Concurrent;
using Portfolio.Api.Data;

namespace Portfolio.Api.Tests.Data;

// Requests share generation reads, but never one that began before they arrived: that read may
// predate a change they must see.
public sealed class CoalescingGenerationReaderTests
{
    [Fact]
    public async Task Requests_arriving_during_a_read_share_the_next_read_not_the_running_one()
    {
        using var database = new SteppedDatabase();
        using var reader = new CoalescingGenerationReader(database.Read);

        var first = reader.ReadAsync(CancellationToken.None).AsTask();
        await database.StartedAsync();
        var later = Enumerable.Range(0, 10).Select(_ => reader.ReadAsync(CancellationToken.None).AsTask()).ToList();
        database.Answer(1);
        Assert.Equal(1, await first);
        await database.StartedAsync();
        Assert.All(later, read => Assert.False(read.IsCompleted));
        database.Answer(2);

        Assert.All(await Task.WhenAll(later), value => Assert.Equal(2, value));
        Assert.Equal(2, database.Reads);
    }

    [Fact]
    public async Task A_failed_read_fails_its_turn_and_the_next_request_reads_again()
    {
        using var database = new SteppedDatabase();
        using var reader = new CoalescingGenerationReader(database.Read);

        var failed = reader.ReadAsync(CancellationToken.None).AsTask();
        database.Fail(new TimeoutException("down"));
        await Assert.ThrowsAsync<TimeoutException>(() => failed);
        var next = reader.ReadAsync(CancellationToken.None).AsTask();
        database.Answer(7);

        Assert.Equal(7, await next);
    }

    // A database whose reads block until the test answers them.
    private sealed class SteppedDatabase : IDisposable
    {
        private readonly BlockingCollection<Func<long>> _answers = [];
        private readonly SemaphoreSlim _started = new(0);
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public long Read()
        {
            Interlocked.Increment(ref _reads);
            _started.Release();
            return _answers.Take()();
        }

        public async Task StartedAsync() => Assert.True(await _started.WaitAsync(TimeSpan.FromSeconds(10)), "no read started");

        public void Answer(long value) => _answers.Add(() => value);

        public void Fail(Exception e) => _answers.Add(() => throw e);

        public void Dispose()
        {
            _answers.Dispose();
            _started.Dispose();
        }
    }
}
