using Microsoft.EntityFrameworkCore;

namespace Portfolio.Api.Data.Postgres;

internal static class PostgresMigrations
{
    // Any fixed number; every `migrate` of this service takes the same one.
    private const long LockKey = 0x706f7274666f6c69; // "portfoli"

    // Two `migrate` runs started together (two deploy jobs, or instances with MigrateOnStart)
    // would both find the same migrations pending; a session-level advisory lock makes the second
    // wait and then find none. The lock goes with the session if the process dies.
    public static async Task MigrateAsync(AppDb db, CancellationToken ct)
    {
        // Building an index over a million rows may take minutes, longer than a request may.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({LockKey})", ct);
            try
            {
                await db.Database.MigrateAsync(ct);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
