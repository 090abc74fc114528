using System.CommandLine;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Accounts;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Media;

namespace Portfolio.Api.Operations;

// The executable doubles as its management tool, as Django's manage.py does: with a command it
// runs it and exits, non-zero with a one-line reason on failure.
internal static class Cli
{
    public const string SuperuserPasswordVariable = "PORTFOLIO_SUPERUSER_PASSWORD";

    public static bool IsCommand(string[] args) =>
        args is [var first, ..] && (first is "--help" or "-h" or "help" || Root().Subcommands.Any(c => c.Name == first));

    public static Task<int> RunAsync(string[] args) =>
        Root().Parse(args is ["help"] ? ["--help"] : args).InvokeAsync();

    private static RootCommand Root() =>
        new RootCommand("Portfolio service. Without a command it serves; with one it runs it and exits.")
        {
            CreateSuperuserCommand(),
            CreateTokenCommand(),
            ChangePasswordCommand(),
            MigrateCommand(),
            MediaCommands.CleanupMedia(),
            MediaCommands.RegenerateThumbnails(),
            SearchCommands.ReindexSearch(),
            AuditCommands.VerifyAudit(),
            AuditCommands.PruneAudit(),
        };

    private static Command CreateSuperuserCommand()
    {
        var username = new Option<string>("--username") { Description = "The new admin's username." };
        var noInput = new Option<bool>("--noinput") { Description = $"Do not prompt; the password comes from {SuperuserPasswordVariable}." };
        var command = new Command("createsuperuser", "Creates an admin (superuser and staff).") { username, noInput };
        command.SetAction((result, ct) => RunWithServicesAsync(async services =>
        {
            var name = result.GetValue(username);
            string password;
            if (result.GetValue(noInput))
            {
                name = string.IsNullOrWhiteSpace(name) ? throw new CommandFailedException("--username is required with --noinput.") : name;
                password = Environment.GetEnvironmentVariable(SuperuserPasswordVariable)
                    ?? throw new CommandFailedException($"{SuperuserPasswordVariable} is not set.");
            }
            else
            {
                name ??= Prompt.Line("Username: ");
                password = Prompt.NewPassword();
            }

            if (name.Length > UserFields.UsernameMaxLength || !UserFields.IsValidUsername(name))
            {
                throw new CommandFailedException($"Error: {UserFields.InvalidUsername}");
            }

            RequireValidPassword(password, name);
            var accounts = services.GetRequiredService<AccountStore>();
            if (await accounts.FindAsync(name, ct) is not null)
            {
                throw new CommandFailedException($"Error: That username is already taken: {name}");
            }

            await accounts.CreateSuperuserAsync(name, password, ct);
            Console.WriteLine("Superuser created successfully.");
        }));
        return command;
    }

    private static Command CreateTokenCommand()
    {
        var username = new Argument<string>("username") { Description = "Whose token to issue." };
        var command = new Command("createtoken", "Issues a new token and prints the key alone on the last line.") { username };
        command.SetAction((result, ct) => RunWithServicesAsync(async services =>
        {
            var accounts = services.GetRequiredService<AccountStore>();
            var name = result.GetValue(username)!;
            var user = await ExistingUserAsync(accounts, name, ct);
            Console.WriteLine(await accounts.IssueTokenAsync(user, ct));
        }));
        return command;
    }

    private static Command ChangePasswordCommand()
    {
        var username = new Argument<string>("username") { Description = "Whose password to change." };
        var command = new Command("changepassword", "Sets a user's password (prompted twice) and revokes all of their tokens.") { username };
        command.SetAction((result, ct) => RunWithServicesAsync(async services =>
        {
            var accounts = services.GetRequiredService<AccountStore>();
            var name = result.GetValue(username)!;
            var user = await ExistingUserAsync(accounts, name, ct);
            Console.WriteLine($"Changing password for user '{name}'");
            var password = Prompt.NewPassword();
            RequireValidPassword(password, name);
            var revoked = await accounts.ChangePasswordAsync(user, password, ct);
            Console.WriteLine($"Password changed successfully for user '{name}'; tokens revoked: {revoked}.");
        }));
        return command;
    }

    private static async Task<User> ExistingUserAsync(AccountStore accounts, string name, CancellationToken ct) =>
        await accounts.FindAsync(name, ct) ?? throw new CommandFailedException($"User '{name}' does not exist.");

    private static void RequireValidPassword(string password, string username)
    {
        var problems = PasswordRules.Check(password, username);
        if (problems.Count > 0)
        {
            throw new CommandFailedException(string.Join(" ", problems));
        }
    }

    private static Command MigrateCommand()
    {
        var command = new Command("migrate", "Applies the database migrations and exits.");
        command.SetAction((_, ct) => RunWithServicesAsync(async services =>
        {
            await DatabaseMigrator.MigrateAsync(services.GetRequiredService<AppDb>(), ct);
            Console.WriteLine("Migrations applied.");
        }));
        return command;
    }

    internal static async Task<int> RunWithServicesAsync(Func<IServiceProvider, Task> action)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // A command reports its own failure in one line; EF's log would repeat it as a stack, and
        // would report the history-table probe that a first `migrate` on PostgreSQL expects to fail.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.AddData();
        builder.AddAccounts();
        builder.AddMedia();
        builder.AddAudit();
        using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider);
            return 0;
        }
        catch (CommandFailedException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (DbErrors.IsUnavailable(e))
        {
            await Console.Error.WriteLineAsync($"{DrfErrors.DatabaseUnavailableDetail} {DbErrors.Reason(e)}");
            return 1;
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            // A database that answers but was never migrated, or refuses the statement.
            await Console.Error.WriteLineAsync($"Database error (is it migrated? run `migrate`): {e.GetBaseException().Message}");
            return 1;
        }
    }
}

internal sealed class CommandFailedException(string message) : Exception(message);
