using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Portfolio.Api.Data;

// What a failed SaveChanges means, asked in one place for every provider: a caller that lost a
// race on a unique index or a foreign key answers 400, not 500.
internal static class DbErrors
{
    // SQLITE_CONSTRAINT (19) with its UNIQUE (2067) or PRIMARYKEY (1555) extended code.
    public static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    // SQLITE_CONSTRAINT_FOREIGNKEY (787): the referenced row went away between check and write.
    public static bool IsForeignKeyViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 787 };
}
