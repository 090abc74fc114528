using System.Diagnostics;
using System.Text;
using Portfolio.Api.Accounts;

namespace Portfolio.Api.Tests.TestHost;

// The built service started as its own process on 127.0.0.1, as an operator would run it:
// real Kestrel, its own data folder. On SQLite: the embedded default as it comes, with its real
// first-start bootstrap. On PostgreSQL: the production profile, on an empty database that the
// `migrate` command prepares first, as the deployment's first step.
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process _process;
    private readonly TaskCompletionSource<string> _bootstrapToken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly bool _ownsDatabase;

    private ServiceProcess(Process process, string baseUrl, string workDir, TestDatabase database, bool ownsDatabase)
    {
        _process = process;
        BaseUrl = baseUrl;
        WorkDir = workDir;
        Database = database;
        _ownsDatabase = ownsDatabase;
    }

    public string BaseUrl { get; }

    public string WorkDir { get; }

    public TestDatabase Database { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    // settings: configuration keys ("Media:Storage") given to the process as its environment.
    public static async Task<ServiceProcess> StartAsync(bool migrateFirst = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var workDir = Directory.CreateTempSubdirectory("portfolio-service-").FullName;
        var database = TestDatabase.IsPostgresProfile
            ? TestDatabase.Create(workDir, migrated: false)
            : new SqliteTestDatabase(Path.Combine(workDir, "data", "portfolio.db"));
        if (TestDatabase.IsPostgresProfile && migrateFirst)
        {
            var migrate = await ManagementCommand.RunAsync(workDir, database, "", "migrate");
            Assert.True(migrate.ExitCode == 0, $"migrate failed: {migrate.Output}{migrate.Error}");
        }

        return await StartAsync(workDir, database, ownsDatabase: true, settings);
    }

    // Another service on a migrated database of the caller's (several may share it, e.g. on a
    // cluster the test stops); the caller disposes the database.
    public static Task<ServiceProcess> StartAsync(TestDatabase database) =>
        StartAsync(Directory.CreateTempSubdirectory("portfolio-service-").FullName, database, ownsDatabase: false, settings: null);

    private static async Task<ServiceProcess> StartAsync(string workDir, TestDatabase database, bool ownsDatabase, IReadOnlyDictionary<string, string?>? settings)
    {
        var baseUrl = $"http://127.0.0.1:{LocalProcess.FreePort()}";
        var start = new ProcessStartInfo("dotnet", [ServiceDll(), "--urls", baseUrl])
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (database is PostgresTestDatabase)
        {
            foreach (var (key, value) in database.ServiceEnvironment)
            {
                start.Environment[key] = value;
            }
        }

        var environment = (settings ?? new Dictionary<string, string?>()).ToDictionary(e => e.Key.Replace(":", "__", StringComparison.Ordinal), e => e.Value);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var service = new ServiceProcess(new Process { StartInfo = start }, baseUrl, workDir, database, ownsDatabase)
        {
            CommandEnvironment = database.ServiceEnvironment.ToDictionary(e => e.Key, e => (string?)e.Value).Concat(environment).ToDictionary(),
        };
        service.Start();
        await LocalProcess.WaitUntilAnswersAsync(service._process, $"{baseUrl}/healthz", TimeSpan.FromSeconds(60), () => service.Output);
        return service;
    }

    // What a management command run against this service's data needs in its environment.
    public IReadOnlyDictionary<string, string?> CommandEnvironment { get; private init; } = new Dictionary<string, string?>();

    // kill -9: no shutdown, no flush, nothing in flight finished.
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    // After KillAsync: the same service on the same folder, database, media and port.
    public async Task RestartAsync()
    {
        var start = _process.StartInfo;
        _process.Dispose();
        _process = new Process { StartInfo = start };
        Start();
        await LocalProcess.WaitUntilAnswersAsync(_process, $"{BaseUrl}/healthz", TimeSpan.FromSeconds(60), () => Output);
    }

    public Task<string> BootstrapTokenAsync() => _bootstrapToken.Task.WaitAsync(TimeSpan.FromSeconds(30));

    // An admin's token: the one the embedded first start printed, or on PostgreSQL (which never
    // bootstraps) one written straight into the database.
    public async Task<string> AdminTokenAsync()
    {
        if (!TestDatabase.IsPostgresProfile)
        {
            return await BootstrapTokenAsync();
        }

        await using var db = Database.Open();
        var admin = new User { Username = "admin", IsStaff = true, IsSuperuser = true, DateJoined = DateTime.UtcNow };
        var key = TokenKeys.NewKey();
        admin.Tokens.Add(new ApiToken { KeyHash = TokenKeys.Hash(key), CreatedAt = DateTime.UtcNow });
        db.Users.Add(admin);
        await db.SaveChangesAsync();
        return key;
    }

    private void Start()
    {
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        var trimmed = line.Trim();
        if (trimmed.StartsWith("token:", StringComparison.Ordinal))
        {
            _bootstrapToken.TrySetResult(trimmed["token:".Length..].Trim());
        }
    }

    // The service's own build output, beside this test assembly's: src/Portfolio.Api/bin/<Configuration>/net10.0.
    private static string ServiceDll()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
        var framework = testBin.Name;
        var configuration = testBin.Parent!.Name;
        var repo = testBin;
        while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "Portfolio.slnx")))
        {
            repo = repo.Parent;
        }

        var dll = Path.Combine(repo?.FullName ?? throw new InvalidOperationException("Repository root not found."),
            "src", "Portfolio.Api", "bin", configuration, framework, "Portfolio.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the service first.", dll);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (_ownsDatabase)
        {
            Database.Dispose();
        }

        Directory.Delete(WorkDir, recursive: true);
    }
}
