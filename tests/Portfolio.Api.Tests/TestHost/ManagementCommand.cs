using System.Diagnostics;

namespace Portfolio.Api.Tests.TestHost;

// Runs the service's own executable as its management tool (`Portfolio.Api changepassword bob`),
// in a separate process against a test's database and media, with the given lines on standard input.
internal static class ManagementCommand
{
    public static Task<CommandResult> RunAsync(ApiFactory api, string input, params string[] args) =>
        RunAsync(api, input, new Dictionary<string, string?>(), args);

    public static Task<CommandResult> RunAsync(ApiFactory api, string input, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        // Starting the service migrates its database, which the command expects to find.
        _ = api.Services;
        return RunAsync(api.Folder, input, api.CommandEnvironment.Concat(environment), args);
    }

    // Against a database no service has started (or migrated).
    public static Task<CommandResult> RunAsync(string workingDirectory, TestDatabase database, string input, params string[] args) =>
        RunAsync(workingDirectory, input, database.ServiceEnvironment.Select(e => KeyValuePair.Create(e.Key, (string?)e.Value)), args);

    // Against the data of a service process, with its settings.
    public static Task<CommandResult> RunAsync(ServiceProcess service, params string[] args) =>
        RunAsync(service.WorkDir, "", service.CommandEnvironment, args);

    private static async Task<CommandResult> RunAsync(
        string workingDirectory, string input, IEnumerable<KeyValuePair<string, string?>> environment, string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Portfolio.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("the command did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandResult(process.ExitCode, await output, await error);
    }
}

internal sealed record CommandResult(int ExitCode, string Output, string Error);
