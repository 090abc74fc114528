using System.Globalization;
using System.Diagnostics;
using Npgsql;
using Portfolio.Api.Data;
using Portfolio.Api.Data.Postgres;

namespace Portfolio.Api.Tests.TestHost;

// A throwaway PostgreSQL cluster from the machine's own binaries, in a temporary folder, on
// 127.0.0.1 and a free port. Started once per test run (Shared), or by a test of its own that
// needs to stop and start it. The server refuses to run as root: then it runs as `postgres`.
public sealed class PostgresCluster : IDisposable
{
    private const string Template = "portfolio_template";

    private static readonly Lazy<PostgresCluster> s_shared = new(Start);

    private readonly string _bin;
    private readonly string _root;
    private readonly Lazy<string> _template;

    private PostgresCluster(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
        _template = new Lazy<string>(CreateMigratedTemplate);
    }

    public static PostgresCluster Shared => s_shared.Value;

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    // The newest /usr/lib/postgresql/<version>/bin that has initdb, or null.
    public static string? FindBinaries() => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault()
        : null;

    public static PostgresCluster Start()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql-15).");
        var root = Directory.CreateTempSubdirectory("portfolio-pg-").FullName;
        if (Environment.UserName == "root")
        {
            Run("chown", null, "postgres:", root);
        }

        var cluster = new PostgresCluster(bin, root, LocalProcess.FreePort());

        // A UTF-8 locale, as production needs: under C, pg_trgm finds no trigram in a Persian term.
        cluster.RunAsOwner("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        cluster.StartServer();
        cluster.RemoveWhenThisProcessEnds();
        return cluster;
    }

    // The test host may end without running any cleanup (the runner kills it, or it crashes), so
    // a detached watcher stops the server and removes the folder once this process is gone.
    private void RemoveWhenThisProcessEnds()
    {
        var stop = Environment.UserName == "root" ? "runuser -u postgres -- \"$2/pg_ctl\"" : "\"$2/pg_ctl\"";
        var script = $"""
            exec </dev/null >/dev/null 2>&1
            while kill -0 "$1"; do sleep 1; done
            {stop} -D "$3/data" -m immediate -w stop
            rm -rf "$3"
            """;
        using var watcher = Process.Start("setsid", ["sh", "-c", script, "watcher", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), _bin, _root]);
    }

    // Durability costs disk waits and buys nothing for a test database.
    public void StartServer() => RunAsOwner("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-o",
        $"-c listen_addresses=127.0.0.1 -p {Port} -k {_root} -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        "start");

    public void StopServer() => RunAsOwner("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "stop");

    // As an operator restarts it: sessions cut, back once it accepts connections, same options.
    public void Restart() => RunAsOwner("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-m", "fast", "-w", "restart");

    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    public string ClientTool(string name) => Path.Combine(_bin, name);

    // A database of its own for one service: empty, or a copy of the migrated template (copying is
    // much faster than migrating each one).
    public string CreateDatabase(bool migrated)
    {
        var name = $"test_{Guid.NewGuid():N}";
        Execute(migrated ? $"CREATE DATABASE {name} TEMPLATE {_template.Value}" : $"CREATE DATABASE {name}");
        return name;
    }

    public void DropDatabase(string name) => Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");

    private string CreateMigratedTemplate()
    {
        Execute($"CREATE DATABASE {Template}");
        using var dataSource = NpgsqlDataSource.Create(ConnectionString(Template) + ";Pooling=false");
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<PostgresAppDb>();
        PostgresSetup.Configure(options, dataSource);
        using (var db = new PostgresAppDb(options.Options))
        {
            DatabaseMigrator.MigrateAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return Template;
    }

    private void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private void RunAsOwner(string tool, params string[] args)
    {
        var path = Path.Combine(_bin, tool);
        if (Environment.UserName == "root")
        {
            Run("runuser", _root, ["-u", "postgres", "--", path, .. args]);
        }
        else
        {
            Run(path, _root, args);
        }
    }

    private static void Run(string file, string? workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed:\n{output.Result}{error.Result}");
        }
    }

    public void Dispose()
    {
        if (!Directory.Exists(_root))
        {
            return;
        }

        try
        {
            RunAsOwner("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        Directory.Delete(_root, recursive: true);
    }
}
