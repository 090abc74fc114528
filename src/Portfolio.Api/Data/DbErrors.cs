using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Portfolio.Api.Data;

internal static class DbErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteBusy = 5;
    private const int SqliteCantOpen = 14;
    private const int SqliteConstraintForeignKey = 787;
    private const int SqliteFull = 13;

    // The database refused a duplicate: the loser of a race for a unique name gets a 400, not a 500.
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };

    // The referenced row went away between check and write (an image deleted meanwhile).
    public static bool IsForeignKeyViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintForeignKey } => true,
        PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } => true,
        _ => false,
    };

    // The database cannot be reached or will not take work now: down, restarting, unreachable,
    // out of connections, a transaction aborted for a deadlock or a serialization failure, or
    // (SQLite) locked or its file unopenable. Worth a 503 and a retry, not a 500.
    public static bool IsUnavailable(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return IsUnavailableState(postgres.SqlState);
                case NpgsqlException npgsql:
                    // Npgsql's own failures (not the server's): transient ones are socket, I/O and timeouts.
                    return npgsql.IsTransient;
                case SqliteException { SqliteErrorCode: SqliteBusy or SqliteCantOpen }:
                    return true;
            }
        }

        return false;
    }

    // The disk under the database has no room for the write (SQLite's SQLITE_FULL, PostgreSQL's
    // disk_full): a 507, and the write is rolled back whole. Reads go on; freeing space ends it.
    public static bool IsFull(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteFull } or PostgresException { SqlState: PostgresErrorCodes.DiskFull })
            {
                return true;
            }
        }

        return false;
    }

    // For an operator's log line: "Failed to connect to 10.0.0.5:5432: Connection refused".
    public static string Reason(Exception e)
    {
        var first = e;
        while (first is not DbException && first.InnerException is { } inner)
        {
            first = inner;
        }

        var last = e.GetBaseException();
        return ReferenceEquals(first, last) ? last.Message : $"{first.Message}: {last.Message}";
    }

    private static bool IsUnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) // connection exception
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.TooManyConnections
            // Two writers that lost a race the server could only end by aborting one: the same
            // request again succeeds.
            or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
