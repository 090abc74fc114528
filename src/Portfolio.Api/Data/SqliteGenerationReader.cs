using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Portfolio.Api.Data;

// The generation read on a connection of its own with the statement prepared once: a pooled
// open plus a fresh prepare cost several times the read itself. One read at a time:
// CoalescingGenerationReader calls it from one thread and shares each read among the requests
// waiting, which costs less than a read per request even in-process (design.md).
internal sealed class SqliteGenerationReader(string connectionString) : IDisposable
{
    private SqliteConnection? _connection;
    private SqliteCommand? _read;

    public long Read()
    {
        _read ??= Open();
        try
        {
            return Convert.ToInt64(_read.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch
        {
            // A statement that failed is not trusted again; the error is the waiting requests' to answer.
            Close();
            throw;
        }
    }

    private SqliteCommand Open()
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        var read = _connection.CreateCommand();
        read.CommandText = "SELECT value FROM data_generation WHERE id = 1";
        read.Prepare();
        return read;
    }

    private void Close()
    {
        _read?.Dispose();
        _connection?.Dispose();
        (_read, _connection) = (null, null);
    }

    public void Dispose() => Close();
}
