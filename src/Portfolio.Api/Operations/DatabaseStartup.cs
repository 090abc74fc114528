using Microsoft.Extensions.Options;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;

namespace Portfolio.Api.Operations;

// Runs before the server accepts requests: migrates the embedded database and, on its first
// start, creates `admin` and prints its password and a token once.
internal sealed class DatabaseStartup(IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, IConfiguration configuration)
    : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ShouldMigrateOnStart)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await DatabaseMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDb>(), cancellationToken);

        if (options.Value.IsEmbedded && configuration.GetValue("Bootstrap:Admin", true))
        {
            await Bootstrap.CreateFirstAdminAsync(scope.ServiceProvider.GetRequiredService<AccountStore>(), Console.Out, cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
