using System.Diagnostics;
using System.Text;

namespace Portfolio.Api.Tests.TestHost;

// The built service started as its own process on 127.0.0.1, as an operator would run it:
// real Kestrel, real first-start bootstrap, its own data folder.
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<string> _bootstrapToken = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServiceProcess(Process process, string baseUrl, string workDir)
    {
        _process = process;
        BaseUrl = baseUrl;
        WorkDir = workDir;
    }

    public string BaseUrl { get; }

    public string WorkDir { get; }

    public string ConnectionString => $"Data Source={Path.Combine(WorkDir, "data", "portfolio.db")}";

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

    public static async Task<ServiceProcess> StartAsync()
    {
        var workDir = Directory.CreateTempSubdirectory("portfolio-service-").FullName;
        var baseUrl = $"http://127.0.0.1:{LocalProcess.FreePort()}";
        var start = new ProcessStartInfo("dotnet", [ServiceDll(), "--urls", baseUrl])
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        var service = new ServiceProcess(new Process { StartInfo = start }, baseUrl, workDir);
        service.Start();
        await LocalProcess.WaitUntilAnswersAsync(service._process, $"{baseUrl}/healthz", TimeSpan.FromSeconds(60), () => service.Output);
        return service;
    }

    public Task<string> BootstrapTokenAsync() => _bootstrapToken.Task.WaitAsync(TimeSpan.FromSeconds(30));

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
        Directory.Delete(WorkDir, recursive: true);
    }
}
