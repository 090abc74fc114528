using Npgsql;

namespace Portfolio.Api.Data.Postgres;

// One short statement on a pooled connection; Max Auto Prepare keeps it prepared on each one.
internal sealed class PostgresGenerationReader(NpgsqlDataSource dataSource) : IGenerationReader
{
    public async ValueTask<long> ReadAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT value FROM data_generation WHERE id = 1");
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
