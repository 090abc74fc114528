using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Portfolio.Api.Tests.TestHost;

// A local S3 endpoint: moto_server on 127.0.0.1. One is shared by the whole test run (each
// factory takes a bucket of its own); a test that stops the endpoint starts its own.
public sealed class MotoServer : IAsyncDisposable
{
    public const string Executable = "moto_server";

    private static readonly Lazy<Task<MotoServer>> SharedServer = new(() => Task.Run(async () =>
    {
        var server = await StartAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        return server;
    }));

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly StringBuilder _output = new();
    private Process? _process;

    static MotoServer()
    {
        // The SDK reads credentials from the environment; moto accepts any. Service processes
        // that tests start inherit these too.
        foreach (var (name, value) in new[] { ("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"), ("AWS_EC2_METADATA_DISABLED", "true") })
        {
            Environment.SetEnvironmentVariable(name, Environment.GetEnvironmentVariable(name) ?? value);
        }
    }

    private MotoServer(int port) => Url = $"http://127.0.0.1:{port}";

    public string Url { get; }

    public static bool IsInstalled => FindExecutable() is not null;

    // Without moto the S3 tests are skipped, saying why; under CI a missing endpoint is a failure.
    public static string? SkipReason =>
        IsInstalled || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
            ? null
            : $"{Executable} is not installed (pip install 'moto[server]'): S3 tests skipped.";

    public static Task<MotoServer> SharedAsync() => SharedServer.Value;

    public static async Task<MotoServer> StartAsync()
    {
        var server = new MotoServer(LocalProcess.FreePort());
        await server.StartAgainAsync();
        return server;
    }

    // Same port, empty state: moto keeps its buckets in memory only.
    public async Task StartAgainAsync()
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(
            $"{Executable} is not installed and the S3 tests need it (CI is set, or PORTFOLIO_TEST_STORAGE=s3): pip install 'moto[server]'.");
        var port = new Uri(Url).Port.ToString(CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo(executable, ["-H", "127.0.0.1", "-p", port]) { RedirectStandardOutput = true, RedirectStandardError = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{Executable} did not start");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await LocalProcess.WaitUntilAnswersAsync(_process, $"{Url}/moto-api/data.json", TimeSpan.FromSeconds(30), Output);
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            _process = null;
        }
    }

    // A new bucket whose objects anyone may read, as the public base URL of a deployment serves them.
    public async Task<string> CreateBucketAsync(string? name = null)
    {
        name ??= $"t-{Guid.NewGuid():N}";
        (await Http.PutAsync($"{Url}/{name}", null)).EnsureSuccessStatusCode();
        var policy = $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::{{name}}/*"}]}""";
        (await Http.PutAsync($"{Url}/{name}?policy", new StringContent(policy, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        return name;
    }

    // The settings that put a service's media in this bucket.
    public Dictionary<string, string?> StorageSettings(string bucket) => new()
    {
        ["Media:Storage"] = "S3",
        ["Media:S3:Bucket"] = bucket,
        ["Media:S3:ServiceUrl"] = Url,
        ["Media:S3:ForcePathStyle"] = "true",
        ["Media:PublicBaseUrl"] = $"{Url}/{bucket}",
    };

    public async ValueTask DisposeAsync() => await StopAsync();

    private void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private void Record(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private static string? FindExecutable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, Executable))
            .FirstOrDefault(File.Exists);
}

// A test that needs moto: skipped, saying so, where moto_server is absent, unless CI is set.
public sealed class S3FactAttribute : FactAttribute
{
    public S3FactAttribute() => Skip = MotoServer.SkipReason;
}
