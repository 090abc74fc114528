using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Operations;

// The executable as an operator uses it: separate processes against the service's database.
public sealed class CommandLineTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Createsuperuser_noinput_then_createtoken_prints_a_working_key_alone_on_the_last_line()
    {
        var name = $"ops{Guid.NewGuid():N}"[..20];
        var created = await ManagementCommand.RunAsync(api, "", new Dictionary<string, string?>
        {
            ["PORTFOLIO_SUPERUSER_PASSWORD"] = "correct horse battery",
        }, "createsuperuser", "--username", name, "--noinput");
        Assert.True(created.ExitCode == 0, created.Error);

        var issued = await ManagementCommand.RunAsync(api, "", "createtoken", name);

        Assert.Equal(0, issued.ExitCode);
        var key = issued.Output.TrimEnd().Split('\n')[^1];
        var employer = await Seed.EmployerAsync(api, $"cli {Guid.NewGuid():N}");
        var response = await api.ClientWithToken(key).GetAsync($"/api/portfolios/employers/{employer.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Createsuperuser_noinput_without_the_password_variable_fails_with_one_line()
    {
        var result = await ManagementCommand.RunAsync(api, "", "createsuperuser", "--username", "nopassword", "--noinput");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("PORTFOLIO_SUPERUSER_PASSWORD is not set.", result.Error.Trim());
    }

    [Theory]
    [InlineData("bad name/<x>")]
    [InlineData("")]
    public async Task Createsuperuser_refuses_a_username_the_API_would_refuse(string username)
    {
        var result = await ManagementCommand.RunAsync(api, "", new Dictionary<string, string?>
        {
            ["PORTFOLIO_SUPERUSER_PASSWORD"] = "correct horse battery",
        }, "createsuperuser", "--username", username, "--noinput");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Createtoken_for_an_unknown_user_fails_with_one_line()
    {
        var result = await ManagementCommand.RunAsync(api, "", "createtoken", "nobody-at-all");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("User 'nobody-at-all' does not exist.", result.Error.Trim());
    }

    [Fact]
    public async Task A_command_on_a_database_never_migrated_fails_with_one_line()
    {
        var folder = Directory.CreateTempSubdirectory("portfolio-unmigrated-");
        try
        {
            var result = await ManagementCommand.RunAsync(folder.FullName, new SqliteTestDatabase(Path.Combine(folder.FullName, "empty.db")), "", "createtoken", "admin");

            Assert.Equal(1, result.ExitCode);
            Assert.Single(result.Error.Trim().Split('\n'));
            Assert.StartsWith("Database error", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_applies_the_migrations_to_a_new_database_and_exits()
    {
        var folder = Directory.CreateTempSubdirectory("portfolio-migrate-");
        try
        {
            using var database = new SqliteTestDatabase(Path.Combine(folder.FullName, "new.db"));
            var migrated = await ManagementCommand.RunAsync(folder.FullName, database, "", "migrate");
            var afterwards = await ManagementCommand.RunAsync(folder.FullName, database, "", "createtoken", "nobody");

            Assert.Equal(0, migrated.ExitCode);
            Assert.Equal("User 'nobody' does not exist.", afterwards.Error.Trim());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
