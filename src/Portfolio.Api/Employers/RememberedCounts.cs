using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portfolio.Api.Data;

namespace Portfolio.Api.Employers;

// The count of a list or a search is exact only by counting every match: at a million employers a
// common word takes PostgreSQL hundreds of milliseconds. So a count is counted once, with the
// generation it holds for, and then carried from generation to generation: the employers' text log
// (EmployerTextChange) holds the text each change gave and took, and every logged text that matches
// the terms moves the count by its sign. The log is in the database, so a count carried on one
// instance takes in the changes made through every other, and through SQL. A count counted in
// full is shared through the database too (SharedCount), for the other instances to carry.
internal sealed class RememberedCounts(ILogger<RememberedCounts> logger) : IDisposable
{
    // Past this many logged texts since the count, counting again is the surer cost.
    private const int MaxCarried = 256;

    // As the text log's triggers keep (migration EmployerTextChanges).
    private const int LogRowsKept = 1_024;

    // A key of at most SearchTerms.MaxRemembered characters: 1,000 of them hold 4 MB at worst. Past
    // that, the cache drops the counts used least lately.
    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 1_000 });

    // The count at this request's generation.
    public async Task<int> CountAsync(AppDb db, SearchTerms terms, long generation, IQueryable<Employer> matches, CancellationToken ct)
    {
        var known = _counts.Get<Counted>(terms);
        if (known is null && terms.Remembered)
        {
            known = await SharedAsync(db, terms, ct);
            if (known?.Generation == generation)
            {
                Remember(terms, known);
            }
        }

        if (known?.Generation == generation)
        {
            return known.Count;
        }

        // A count remembered for a newer generation than this request's is counted again: a
        // restored database goes back to an older generation, and the count to older data.
        var carried = known is not null && known.Generation < generation ? await CarryAsync(db, terms, known, generation, ct) : null;

        // One statement reads the generation, the count and the log's newest row, so that all
        // three hold for one state of the data.
        var counted = carried ?? await db.DataGenerations.Where(g => g.Id == 1).Select(g => new Counted(
            g.Value,
            matches.Count(),
            db.EmployerTextChanges.OrderByDescending(c => c.Id).Select(c => (long?)c.Id).FirstOrDefault(),
            db.EmployerTextChanges.OrderByDescending(c => c.Id).Select(c => (long?)c.Generation).FirstOrDefault())).SingleAsync(ct);

        // Remembered only if nothing changed since this request's generation was read: the plan
        // behind `matches` was made from the data then (SQLite's vocabulary of words), and a count
        // by an older plan must not be filed, and carried on, as the newer data's.
        if (terms.Remembered && counted.Generation == generation)
        {
            Remember(terms, counted);
            if (carried is null)
            {
                await ShareAsync(db, terms, counted, ct);
            }
        }

        return counted.Count;
    }

    private void Remember(SearchTerms terms, Counted counted) => _counts.Set(terms, counted, new MemoryCacheEntryOptions { Size = 1 });

    // What an instance counted in full, if any did (SharedCount).
    private static Task<Counted?> SharedAsync(AppDb db, SearchTerms terms, CancellationToken ct)
    {
        var key = terms.Key();
        return db.SharedCounts.Where(c => c.Key == key)
            .Select(c => new Counted(c.Generation, c.Matches, c.LastChange, c.LastChangeGeneration))
            .FirstOrDefaultAsync(ct);
    }

    // A newer count replaces an older one. Rows that start further back than the log keeps rows
    // can no longer be carried, and go. Sharing is bookkeeping: a count not shared is counted
    // again elsewhere, which is slower, never wrong.
    private Task ShareAsync(AppDb db, SearchTerms terms, Counted counted, CancellationToken ct) =>
        Bookkeeping.TryWriteAsync(
            db,
            async () =>
            {
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO search_counts (key, generation, matches, last_change, last_change_generation)
                    VALUES ({terms.Key()}, {counted.Generation}, {counted.Count}, {counted.LastChange}, {counted.LastChangeGeneration})
                    ON CONFLICT (key) DO UPDATE SET generation = excluded.generation, matches = excluded.matches,
                        last_change = excluded.last_change, last_change_generation = excluded.last_change_generation
                    WHERE excluded.generation > search_counts.generation
                    """, ct);
                await db.Database.ExecuteSqlAsync($"""
                    DELETE FROM search_counts WHERE last_change < (SELECT max(id) FROM employer_text_changes) - {LogRowsKept}
                    """, ct);
            },
            e => logger.LogWarning(e, "A count was not shared with the other instances; they will count it themselves."));

    // The count at `generation`, or null when the log cannot tell it.
    private static async Task<Counted?> CarryAsync(AppDb db, SearchTerms terms, Counted known, long generation, CancellationToken ct)
    {
        if (known.LastChange is not { } lastChange)
        {
            return null;
        }

        // Every change up to `generation` has committed: writers raise the generation in turn,
        // each holding it until its commit (migration GenerationTriggers), and log in that order.
        var changes = await db.EmployerTextChanges
            .AsNoTracking()
            .Where(c => c.Id > lastChange && c.Generation <= generation)
            .OrderBy(c => c.Id)
            .Take(MaxCarried + 1)
            .ToListAsync(ct);

        // The log drops its oldest rows, and a restored database holds another log: while the
        // log still holds the count's last change as it was, it held every later one read above.
        if (changes.Count > MaxCarried
            || !await db.EmployerTextChanges.AnyAsync(c => c.Id == lastChange && c.Generation == known.LastChangeGeneration, ct))
        {
            return null;
        }

        var moved = changes.Sum(c => terms.AllIn(c.NormalizedName, c.NormalizedDescription) ? c.Sign : 0);
        var last = changes.Count > 0 ? changes[^1] : null;
        return new Counted(generation, known.Count + moved, last?.Id ?? lastChange, last?.Generation ?? known.LastChangeGeneration);
    }

    public void Dispose() => _counts.Dispose();

    // A count, the generation it holds for, and the log's newest row then (none if it was empty).
    private sealed record Counted(long Generation, int Count, long? LastChange, long? LastChangeGeneration);
}

// The terms of a search in a fixed order, the key of its remembered count: every term must match,
// in whatever order they came. Normalised terms hold no newline.
internal readonly record struct SearchTerms(string Sorted)
{
    // Longer searches are counted each time: no person types them, and the cache stays small
    // whatever length the transport lets through.
    public const int MaxRemembered = 2_048;

    public bool Remembered => Sorted.Length <= MaxRemembered;

    public static SearchTerms Of(IEnumerable<string> terms) => new(string.Join('\n', terms.Order(StringComparer.Ordinal)));

    // The key of the count shared through the database (SharedCount).
    public byte[] Key() => SHA256.HashData(Encoding.UTF8.GetBytes(Sorted));

    // What the search finds, said in C#: every term in the normalised name or description.
    public bool AllIn(string normalizedName, string? normalizedDescription) =>
        Sorted.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(term =>
            normalizedName.Contains(term, StringComparison.Ordinal) || normalizedDescription?.Contains(term, StringComparison.Ordinal) == true);
}
