namespace Portfolio.Api.Data;

// Under load many requests want the generation at once, and each needs only a value read after
// it arrived. So reads take turns: a read serves every request that arrived before it started,
// and requests arriving meanwhile wait for the next turn, which starts as soon as the running one
// ends. A request waits at most two round trips, and the instance makes one read per round trip
// whatever its concurrency, instead of one per request.
//
// The reads run on a thread of their own and block on the database: its reply wakes this thread
// at once, where an awaited read would wait its turn in the thread pool's queue behind the very
// requests it holds up.
internal sealed class CoalescingGenerationReader : IGenerationReader, IDisposable
{
    private readonly Func<long> _read;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _turnWaiting = new(0);
    private TaskCompletionSource<long>? _next;
    private volatile bool _disposed;

    public CoalescingGenerationReader(Func<long> read)
    {
        _read = read;
        new Thread(ReadInTurns) { IsBackground = true, Name = "generation reads" }.Start();
    }

    public ValueTask<long> ReadAsync(CancellationToken ct)
    {
        TaskCompletionSource<long> turn;
        lock (_gate)
        {
            if (_next is { } waiting)
            {
                return new ValueTask<long>(waiting.Task.WaitAsync(ct));
            }

            turn = _next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _turnWaiting.Release();
        return new ValueTask<long>(turn.Task.WaitAsync(ct));
    }

    private void ReadInTurns()
    {
        while (true)
        {
            _turnWaiting.Wait();
            if (_disposed)
            {
                return;
            }

            TaskCompletionSource<long> turn;
            lock (_gate)
            {
                // From here on, requests join the next turn: this read may start before they arrived.
                turn = _next!;
                _next = null;
            }

            try
            {
                turn.SetResult(_read());
            }
            catch (Exception e)
            {
                // Every request of the turn answers for it: 503 when the database is down.
                turn.SetException(e);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _turnWaiting.Release();
    }
}
