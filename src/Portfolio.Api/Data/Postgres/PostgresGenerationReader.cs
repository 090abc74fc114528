using Npgsql;

namespace Portfolio.Api.Data.Postgres;

// The generation read on a connection of its own with the statement prepared once, like the
// SQLite reader. One read at a time: CoalescingGenerationReader calls it from one thread.
internal sealed class PostgresGenerationReader(NpgsqlDataSource pool, string settings) : IDisposable
{
    // Outside the pool, so that a new connection is never one that died idle in it.
    private readonly NpgsqlDataSource _own = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(settings) { Pooling = false });
    private NpgsqlConnection? _connection;
    private NpgsqlCommand? _read;

    public long Read()
    {
        // Failing to open a new connection is final: the database is down, requests answer 503.
        _read ??= Open();
        try
        {
            return (long)_read.ExecuteScalar()!;
        }
        catch (NpgsqlException e) when (DbErrors.IsUnavailable(e))
        {
            // The server went away since this connection opened: perhaps it restarted and is back.
            // The pool's idle connections died with this one; drop them, and try once more anew.
            Close();
            pool.Clear();
            _read = Open();
            return (long)_read.ExecuteScalar()!;
        }
    }

    private NpgsqlCommand Open()
    {
        Close();
        _connection = _own.OpenConnection();
        var read = new NpgsqlCommand("SELECT value FROM data_generation WHERE id = 1", _connection);
        read.Prepare();
        return read;
    }

    private void Close()
    {
        _read?.Dispose();
        _connection?.Dispose();
        (_read, _connection) = (null, null);
    }

    public void Dispose()
    {
        Close();
        _own.Dispose();
    }
}
