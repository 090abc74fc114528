using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portfolio.Api.Data;

// Reads map the database file rather than copy its pages into each connection's own cache (2 MiB
// by default, and a pooled connection is seldom the one that read a page last): a search that
// walks a large part of the trigram index costs about half as much (bench/list.sh). A pooled
// connection keeps the setting; setting it again on each open costs microseconds.
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA mmap_size = 1073741824;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
