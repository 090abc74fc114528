using Npgsql;

namespace Portfolio.Api.Data.Postgres;

// Every request starts here, with one short statement on a pooled connection (Max Auto Prepare
// keeps it prepared on each).
internal sealed class PostgresGenerationReader(NpgsqlDataSource dataSource) : IGenerationReader
{
    private const string Sql = "SELECT value FROM data_generation WHERE id = 1";

    public async ValueTask<long> ReadAsync(CancellationToken ct)
    {
        // Failing to connect is final: the database is down, and the request answers 503 at once.
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            return await ReadAsync(connection, ct);
        }
        catch (NpgsqlException e) when (DbErrors.IsUnavailable(e))
        {
            // A connection that sat in the pool while the server restarted fails on first use, and
            // so would every other idle one: drop them all and read once more on a new connection.
            await connection.DisposeAsync();
            dataSource.Clear();
            connection = await dataSource.OpenConnectionAsync(ct);
            return await ReadAsync(connection, ct);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<long> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
