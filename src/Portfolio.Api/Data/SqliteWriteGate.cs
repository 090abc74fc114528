using Microsoft.Data.Sqlite;

namespace Portfolio.Api.Data;

// SQLite takes one writer at a time. Left to itself, a writer that finds the database locked
// sleeps and tries again (Microsoft.Data.Sqlite's busy loop), so that under a dozen concurrent
// writes most of the time is spent asleep and the slowest wait a second or more. The changes of
// this process instead queue here for their turn, in order, and each BEGIN finds the database
// free unless another process (a command) holds it. Waiting longer than SQLite's own command
// timeout gives the same answer SQLite would: busy, a 503.
internal sealed class SqliteWriteGate : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const int SqliteBusy = 5;

    private readonly SemaphoreSlim _turn = new(1, 1);

    public async Task<IDisposable> WaitAsync(CancellationToken ct)
    {
        if (!await _turn.WaitAsync(Patience, ct))
        {
            throw new SqliteException("SQLite Error 5: 'database is locked' (waited for this instance's other writers).", SqliteBusy);
        }

        return new Turn(_turn);
    }

    public void Dispose() => _turn.Dispose();

    private sealed class Turn(SemaphoreSlim turn) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turn.Release();
            }
        }
    }
}
