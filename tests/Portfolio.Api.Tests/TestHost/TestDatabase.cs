using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Api.Data;
using Portfolio.Api.Data.Postgres;

namespace Portfolio.Api.Tests.TestHost;

// The database one service under test runs on. The whole suite runs once per profile:
// PORTFOLIO_TEST_DATABASE=postgres puts every service on PostgreSQL, else each gets a SQLite file.
public abstract class TestDatabase : IDisposable
{
    public const string ProfileVariable = "PORTFOLIO_TEST_DATABASE";

    public static bool IsPostgresProfile { get; } = Environment.GetEnvironmentVariable(ProfileVariable)?.ToLowerInvariant() switch
    {
        null or "" or "sqlite" => false,
        "postgres" => true,
        var other => throw new InvalidOperationException($"{ProfileVariable}={other}: expected sqlite or postgres."),
    };

    public abstract string Provider { get; }

    public abstract string ConnectionString { get; }

    // A database for one service under the current profile; `folder` is that service's own.
    public static TestDatabase Create(string folder, bool migrated = true) => IsPostgresProfile
        ? new PostgresTestDatabase(PostgresCluster.Shared, migrated)
        : new SqliteTestDatabase(Path.Combine(folder, "portfolio.db"));

    // What a service process or management command needs in its environment to use this database.
    public IReadOnlyDictionary<string, string> ServiceEnvironment => new Dictionary<string, string>
    {
        ["Database__Provider"] = Provider,
        ["ConnectionStrings__Default"] = ConnectionString,
    };

    public abstract AppDb Open();

    public abstract void Dispose();
}

internal sealed class SqliteTestDatabase(string path) : TestDatabase
{
    public string Path => path;

    public override string Provider => "Sqlite";

    public override string ConnectionString => $"Data Source={path}";

    public override AppDb Open() =>
        new SqliteAppDb(new DbContextOptionsBuilder<SqliteAppDb>().UseSqlite(ConnectionString).UseSnakeCaseNamingConvention().Options);

    // The pooled connections hold the file open; the folder that holds it is deleted next.
    public override void Dispose() => SqliteConnection.ClearAllPools();
}

internal sealed class PostgresTestDatabase : TestDatabase
{
    private readonly PostgresCluster _cluster;
    private readonly string _name;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresTestDatabase(PostgresCluster cluster, bool migrated)
    {
        _cluster = cluster;
        _name = cluster.CreateDatabase(migrated);
        _dataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public override string Provider => "Postgres";

    public override string ConnectionString => _cluster.ConnectionString(_name);

    public override AppDb Open()
    {
        var options = new DbContextOptionsBuilder<PostgresAppDb>();
        PostgresSetup.Configure(options, _dataSource);
        return new PostgresAppDb(options.Options);
    }

    public override void Dispose()
    {
        _dataSource.Dispose();
        _cluster.DropDatabase(_name);
    }
}
