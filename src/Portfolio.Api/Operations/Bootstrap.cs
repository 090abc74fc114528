using System.Security.Cryptography;
using Portfolio.Api.Accounts;

namespace Portfolio.Api.Operations;

internal static class Bootstrap
{
    public const string AdminUsername = "admin";

    public static async Task CreateFirstAdminAsync(AccountStore accounts, TextWriter output, CancellationToken ct)
    {
        if (await accounts.AnyUserAsync(ct))
        {
            return;
        }

        var password = RandomNumberGenerator.GetString("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
        var admin = await accounts.CreateSuperuserAsync(AdminUsername, password, ct);
        var token = await accounts.IssueTokenAsync(admin, ct);

        await output.WriteLineAsync($"""

            First start: created the superuser '{AdminUsername}'. This is shown once; keep it now.
              password: {password}
              token:    {token}

            """);
    }
}
