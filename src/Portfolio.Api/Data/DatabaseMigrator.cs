using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data.Postgres;
using Portfolio.Api.Employers;

namespace Portfolio.Api.Data;

internal static class DatabaseMigrator
{
    public static async Task MigrateAsync(AppDb db, CancellationToken ct)
    {
        if (db is PostgresAppDb)
        {
            await PostgresMigrations.MigrateAsync(db, ct);
        }
        else
        {
            await db.Database.MigrateAsync(ct);
        }

        await EmployerSearch.FillNormalizedTextAsync(db, ct);
        if (db.Database.GetDbConnection() is SqliteConnection)
        {
            // WAL lets readers go on while a writer commits; the setting persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
