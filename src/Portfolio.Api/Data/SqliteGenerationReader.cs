using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Portfolio.Api.Data;

// Every request reads the generation, so it gets one connection and one prepared statement of
// its own: a pooled open plus a fresh prepare cost several times the read itself. SQLite runs
// the statement in-process in microseconds, so a lock around it is cheaper than any pool.
internal sealed class SqliteGenerationReader : IGenerationReader, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _read;

    public SqliteGenerationReader(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _read = _connection.CreateCommand();
        _read.CommandText = "SELECT value FROM data_generation WHERE id = 1";
    }

    public ValueTask<long> ReadAsync(CancellationToken ct)
    {
        lock (_gate)
        {
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                _connection.Open();
                _read.Prepare();
            }

            return ValueTask.FromResult(Convert.ToInt64(_read.ExecuteScalar(), CultureInfo.InvariantCulture));
        }
    }

    public void Dispose()
    {
        _read.Dispose();
        _connection.Dispose();
    }
}
