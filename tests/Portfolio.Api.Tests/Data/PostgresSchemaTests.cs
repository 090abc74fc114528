using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Data;

public sealed class PostgresSchemaTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // ?search= matches a substring, as EF Core writes it for Contains: LIKE '%term%'. Only a
    // trigram index can serve that; with sequential scans ruled out the plan shows it is usable.
    [PostgresFact]
    public async Task A_substring_search_on_the_normalised_name_can_be_served_by_the_trigram_index()
    {
        var plan = await api.WithDbAsync(async db =>
        {
            var term = "سیستم";
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
            await using var explain = db.Employers.Where(e => e.NormalizedName.Contains(term)).Select(e => e.Id).CreateDbCommand();
            explain.CommandText = "EXPLAIN " + explain.CommandText;
            explain.Transaction = transaction.GetDbTransaction();
            await using var reader = await explain.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join('\n', lines);
        });

        Assert.Contains("ix_employers_normalized_name_trgm", plan, StringComparison.Ordinal);
    }

    // pg_trgm takes its letters from the database's locale: under C a Persian term has no trigram
    // and the index would be read whole for it. The deployment creates the database in a UTF-8
    // locale, as this test cluster is.
    [PostgresFact]
    public async Task A_Persian_term_has_trigrams_for_the_index_to_look_up()
    {
        var trigrams = await api.WithDbAsync(db => db.Database
            .SqlQueryRaw<int>("SELECT cardinality(show_trgm('سیستم')) AS \"Value\"")
            .SingleAsync());

        Assert.True(trigrams > 0);
    }

    [PostgresFact]
    public async Task Timestamps_are_timestamptz_and_ids_identity_columns()
    {
        var columns = await api.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("""
                SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_identity AS "Value"
                FROM information_schema.columns
                WHERE table_schema = 'public' AND (column_name = 'id' OR data_type LIKE 'timestamp%')
                """)
            .ToListAsync());

        Assert.Contains("employers.id bigint YES", columns);
        Assert.Contains("employers.created_at timestamp with time zone NO", columns);
        Assert.All(columns.Where(c => c.Contains("timestamp", StringComparison.Ordinal)), c => Assert.Contains("with time zone", c, StringComparison.Ordinal));
    }
}
