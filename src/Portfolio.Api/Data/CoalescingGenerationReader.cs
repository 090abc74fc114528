namespace Portfolio.Api.Data;

// Under load many requests want the generation at once, and each needs only a value read after
// it arrived. So one read runs at a time, and every request arriving meanwhile waits for the next
// read, which starts as the running one ends: a request waits at most two round trips, and the
// instance makes one read per round trip whatever its concurrency, instead of one per request.
internal sealed class CoalescingGenerationReader(IGenerationReader inner) : IGenerationReader
{
    private readonly Lock _gate = new();
    private bool _running;
    private TaskCompletionSource<long>? _next;

    public ValueTask<long> ReadAsync(CancellationToken ct)
    {
        TaskCompletionSource<long> read;
        lock (_gate)
        {
            if (_running)
            {
                _next ??= new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
                return new ValueTask<long>(_next.Task.WaitAsync(ct));
            }

            _running = true;
            read = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        _ = ReadInTurnsAsync(read);
        return new ValueTask<long>(read.Task.WaitAsync(ct));
    }

    // Reads for the waiting round, then for the round that gathered meanwhile, until none has.
    private async Task ReadInTurnsAsync(TaskCompletionSource<long> round)
    {
        while (true)
        {
            try
            {
                // Not one request's token: the read serves every request of the round.
                round.SetResult(await inner.ReadAsync(CancellationToken.None));
            }
            catch (Exception e)
            {
                // Every request of the round answers for it (503 when the database is down).
                round.SetException(e);
            }

            lock (_gate)
            {
                if (_next is null)
                {
                    _running = false;
                    return;
                }

                round = _next;
                _next = null;
            }
        }
    }
}
