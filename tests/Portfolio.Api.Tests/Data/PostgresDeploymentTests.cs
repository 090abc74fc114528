using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Data;

// The production profile's start order: `migrate` first (however many run at once), then the
// instances, which never migrate or create an admin themselves.
public sealed class PostgresDeploymentTests
{
    [PostgresFact]
    public async Task Two_migrate_runs_started_together_both_succeed_and_apply_each_migration_once()
    {
        var folder = Directory.CreateTempSubdirectory("portfolio-migrate-").FullName;
        using var database = TestDatabase.Create(folder, migrated: false);

        var runs = await Task.WhenAll(
            ManagementCommand.RunAsync(folder, database, "", "migrate"),
            ManagementCommand.RunAsync(folder, database, "", "migrate"));

        Assert.All(runs, run => Assert.True(run.ExitCode == 0, run.Output + run.Error));
        Assert.All(runs, run => Assert.Equal("Migrations applied.", run.Output.Trim()));
        await using var db = database.Open();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(1, await db.DataGenerations.CountAsync());
        Directory.Delete(folder, recursive: true);
    }

    [PostgresFact]
    public async Task An_instance_started_before_migrate_is_not_ready_until_migrate_has_run_and_never_creates_an_admin()
    {
        await using var service = await ServiceProcess.StartAsync(migrateFirst: false);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync($"{service.BaseUrl}/readyz")).StatusCode);

        var migrate = await ManagementCommand.RunAsync(service.WorkDir, service.Database, "", "migrate");

        Assert.True(migrate.ExitCode == 0, migrate.Error);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{service.BaseUrl}/readyz")).StatusCode);
        await using var db = service.Database.Open();
        Assert.False(await db.Users.AnyAsync());
        Assert.DoesNotContain("password:", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_against_a_database_that_is_down_fails_with_a_one_line_reason()
    {
        var folder = Directory.CreateTempSubdirectory("portfolio-migrate-").FullName;
        using var database = new UnreachableDatabase();

        var run = await ManagementCommand.RunAsync(folder, database, "", "migrate");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"The database is unavailable. Failed to connect to 127.0.0.1:{database.Port}: Connection refused", run.Error.Trim());
        Directory.Delete(folder, recursive: true);
    }

    private sealed class UnreachableDatabase : TestDatabase
    {
        public int Port { get; } = LocalProcess.FreePort();

        public override string Provider => "Postgres";

        public override string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=nowhere";

        public override AppDb Open() => throw new NotSupportedException();

        public override void Dispose()
        {
        }
    }
}
