using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Portfolio.Api.Data;

// Writes that keep the books rather than answer the request: a token's last use, a count shared
// with the other instances. A database that cannot take one just now (SQLite busy with a long
// writer) must neither fail nor hold up a read, so each waits two seconds at most, and a failure
// is reported, not thrown.
internal static class Bookkeeping
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(2);

    public static async Task TryWriteAsync(AppDb db, Func<Task> write, Action<DbException> failed)
    {
        var usual = db.Database.GetCommandTimeout();
        try
        {
            db.Database.SetCommandTimeout(Patience);
            await write();
        }
        catch (DbException e)
        {
            failed(e);
        }
        finally
        {
            db.Database.SetCommandTimeout(usual);
        }
    }
}
