using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portfolio.Api.Tests.TestHost;

// The SQL commands EF Core runs on one factory's database while this log is open, read from EF's
// diagnostic events; other tests' databases are left out by their connection.
public sealed class SqlCommandLog : IDisposable
{
    private static readonly ConcurrentDictionary<SqlCommandLog, bool> Open = new();

    // One subscription for the whole run: EF remembers for a second (LoggingCacheTime) that no
    // one listens and then skips its events, so a listener that came and went would miss commands.
    private static readonly Lazy<Task> Listening = new(() =>
    {
        DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(Record));
            }
        }));
        return Task.Delay(TimeSpan.FromSeconds(1.5));
    });

    private readonly string _connection;
    private readonly ConcurrentQueue<string> _commands = new();

    private SqlCommandLog(string connection) => _connection = connection;

    public static async Task<SqlCommandLog> OpenAsync(ApiFactory api)
    {
        await Listening.Value;
        var log = new SqlCommandLog(await api.WithDbAsync(db => Task.FromResult(Identify(db.Database.GetDbConnection()))));
        Open[log] = true;
        return log;
    }

    public int Count(string fragment) => _commands.Count(c => c.Contains(fragment, StringComparison.Ordinal));

    public void Dispose() => Open.TryRemove(this, out _);

    private static void Record(KeyValuePair<string, object?> value)
    {
        if (value.Value is not CommandExecutedEventData { Command.Connection: { } connection } executed)
        {
            return;
        }

        var identity = Identify(connection);
        foreach (var log in Open.Keys.Where(l => l._connection == identity))
        {
            log._commands.Enqueue(executed.Command.CommandText);
        }
    }

    // A SQLite file or a PostgreSQL database: either way unique to one factory.
    private static string Identify(DbConnection connection) => $"{connection.DataSource}/{connection.Database}";

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
