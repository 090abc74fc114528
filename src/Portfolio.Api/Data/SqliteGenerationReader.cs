using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Portfolio.Api.Data;

// Every request reads the generation, so it gets prepared statements of its own: a pooled open
// plus a fresh prepare cost several times the read itself. Each concurrent reader takes its own
// statement (SQLite runs it in-process in microseconds); one statement behind a lock made 64
// concurrent requests spin on that lock for a fifth of the service's CPU.
internal sealed class SqliteGenerationReader(string connectionString) : IGenerationReader, IDisposable
{
    private readonly ConcurrentBag<Statement> _idle = [];

    public ValueTask<long> ReadAsync(CancellationToken ct)
    {
        if (!_idle.TryTake(out var statement))
        {
            statement = new Statement(connectionString);
        }

        long value;
        try
        {
            value = statement.Read();
        }
        catch
        {
            // A statement that failed is not trusted again; the error is the caller's to answer.
            statement.Dispose();
            throw;
        }

        _idle.Add(statement);
        return ValueTask.FromResult(value);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var statement))
        {
            statement.Dispose();
        }
    }

    private sealed class Statement : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _read;

        public Statement(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _read = _connection.CreateCommand();
            _read.CommandText = "SELECT value FROM data_generation WHERE id = 1";
        }

        public long Read()
        {
            if (_connection.State != System.Data.ConnectionState.Open)
            {
                _connection.Open();
                _read.Prepare();
            }

            return Convert.ToInt64(_read.ExecuteScalar(), CultureInfo.InvariantCulture);
        }

        public void Dispose()
        {
            _read.Dispose();
            _connection.Dispose();
        }
    }
}
