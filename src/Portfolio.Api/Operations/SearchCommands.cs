using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;

namespace Portfolio.Api.Operations;

// Maintenance of SQLite's search indexes (migrations SearchIndex and WordIndex; docs/design.md,
// "Search and ordering"). PostgreSQL's trigram indexes keep themselves.
internal static class SearchCommands
{
    // The vocabulary only grows as texts change; this keeps the words some text still holds. Then
    // each full-text index is merged into one piece, as a rebuild leaves it. One transaction:
    // searches go on meanwhile, writes wait for it.
    private static readonly string[] Reindex =
    [
        "INSERT INTO search_word_trigrams (search_word_trigrams) VALUES ('delete-all')",
        "DELETE FROM search_words",
        "INSERT INTO search_words (word) SELECT word FROM employer_text_words WHERE true ON CONFLICT (word) DO NOTHING",
        "INSERT INTO search_word_trigrams (search_word_trigrams) VALUES ('optimize')",
        "INSERT INTO employer_words (employer_words) VALUES ('optimize')",
        "INSERT INTO employer_search (employer_search) VALUES ('optimize')",
    ];

    public static Command ReindexSearch()
    {
        var command = new Command("reindex-search", "Drops the search vocabulary's words that no text holds any more and merges the search indexes (SQLite).");
        command.SetAction((_, ct) => Cli.RunWithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<AppDb>();
            if (!db.Database.IsSqlite())
            {
                Console.WriteLine("Nothing to do: on PostgreSQL the search indexes keep themselves.");
                return;
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var before = await CountWordsAsync(db, ct);
            foreach (var statement in Reindex)
            {
                await db.Database.ExecuteSqlRawAsync(statement, ct);
            }

            var after = await CountWordsAsync(db, ct);
            await transaction.CommitAsync(ct);
            Console.WriteLine($"Search vocabulary: {before} words, {before - after} no longer in any text removed; indexes merged.");
        }));
        return command;
    }

    private static Task<int> CountWordsAsync(AppDb db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM search_words").SingleAsync(ct);
}
