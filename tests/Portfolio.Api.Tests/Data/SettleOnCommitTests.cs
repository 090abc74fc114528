using Npgsql;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Data;

// On PostgreSQL the data generation is raised, and the employers' texts logged under it, when a
// change commits (migration SettleOnCommit): the log must still come in generation order, which
// the remembered counts are carried by, whatever order the changes wrote in.
public sealed class SettleOnCommitTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [PostgresFact]
    public async Task A_change_raises_the_generation_at_its_commit_and_logs_its_texts_under_it()
    {
        await using var writer = await OpenAsync();
        var before = await GenerationAsync(writer);
        var name = $"settled {Guid.NewGuid():N}";

        await using (var change = await writer.BeginTransactionAsync())
        {
            await InsertEmployerAsync(writer, name);

            // Inside the change: nothing raised yet, and its text waits under a placeholder.
            Assert.Equal(before, await GenerationAsync(writer));
            Assert.True(await ScalarAsync<long>(writer, $"SELECT generation FROM employer_text_changes WHERE normalized_name = '{name}'") < 0);
            await change.CommitAsync();
        }

        var after = await GenerationAsync(writer);
        Assert.True(after > before);
        Assert.Equal(after, await ScalarAsync<long>(writer, $"SELECT generation FROM employer_text_changes WHERE normalized_name = '{name}'"));
        Assert.Equal(
            await ScalarAsync<long>(writer, "SELECT max(id) FROM employer_text_changes"),
            await ScalarAsync<long>(writer, $"SELECT id FROM employer_text_changes WHERE normalized_name = '{name}'"));
    }

    [PostgresFact]
    public async Task A_change_rolled_back_raises_nothing_and_logs_nothing()
    {
        await using var writer = await OpenAsync();
        var before = await GenerationAsync(writer);
        var name = $"rolled back {Guid.NewGuid():N}";

        await using (var change = await writer.BeginTransactionAsync())
        {
            await InsertEmployerAsync(writer, name);
            await change.RollbackAsync();
        }

        Assert.Equal(before, await GenerationAsync(writer));
        Assert.Equal(0, await ScalarAsync<long>(writer, $"SELECT count(*) FROM employer_text_changes WHERE normalized_name = '{name}'"));
    }

    // The first to write commits last: its text is logged after the other's, under a higher generation.
    [PostgresFact]
    public async Task Two_changes_are_logged_in_the_order_they_commit_not_the_order_they_wrote()
    {
        await using var first = await OpenAsync();
        await using var second = await OpenAsync();
        var (early, late) = ($"wrote first {Guid.NewGuid():N}", $"wrote second {Guid.NewGuid():N}");

        await using var firstChange = await first.BeginTransactionAsync();
        await InsertEmployerAsync(first, early);
        await using (var secondChange = await second.BeginTransactionAsync())
        {
            await InsertEmployerAsync(second, late);
            await secondChange.CommitAsync();
        }

        await firstChange.CommitAsync();

        var logged = await LoggedAsync(first, late, early);
        Assert.True(logged[late].Id < logged[early].Id);
        Assert.True(logged[late].Generation < logged[early].Generation);
        Assert.Equal(logged[early].Generation, await GenerationAsync(first));
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        _ = api.Services; // the service under test, and so its database, started
        var connection = new NpgsqlConnection(api.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static Task InsertEmployerAsync(NpgsqlConnection connection, string name) => ExecuteAsync(connection, $"""
        INSERT INTO employers (name, normalized_name, created_at, updated_at) VALUES ('{name}', '{name}', now(), now())
        """);

    private static Task<long> GenerationAsync(NpgsqlConnection connection) =>
        ScalarAsync<long>(connection, "SELECT value FROM data_generation WHERE id = 1");

    private static async Task<Dictionary<string, (long Id, long Generation)>> LoggedAsync(NpgsqlConnection connection, params string[] names)
    {
        await using var command = new NpgsqlCommand("SELECT normalized_name, id, generation FROM employer_text_changes WHERE normalized_name = ANY($1)", connection);
        command.Parameters.AddWithValue(names);
        await using var reader = await command.ExecuteReaderAsync();
        var logged = new Dictionary<string, (long, long)>();
        while (await reader.ReadAsync())
        {
            logged[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return logged;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
