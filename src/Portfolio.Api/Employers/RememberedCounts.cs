using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Portfolio.Api.Data;

namespace Portfolio.Api.Employers;

// The count of a list or a search is exact only by counting every match: at a million employers a
// common word takes PostgreSQL hundreds of milliseconds. So a count is counted once, with the
// generation it holds for, and then carried from generation to generation: the employers' text log
// (EmployerTextChange) holds the text each change gave and took, and every logged text that matches
// the terms moves the count by its sign. The log is in the database, so a count carried on one
// instance takes in the changes made through every other, and through SQL.
internal sealed class RememberedCounts : IDisposable
{
    // Past this many logged texts since the count, counting again is the surer cost.
    private const int MaxCarried = 256;

    // A key of at most SearchTerms.MaxRemembered characters: 1,000 of them hold 4 MB at worst. Past
    // that, the cache drops the counts used least lately.
    private readonly MemoryCache _counts = new(new MemoryCacheOptions { SizeLimit = 1_000 });

    // The count at this request's generation.
    public async Task<int> CountAsync(AppDb db, SearchTerms terms, long generation, IQueryable<Employer> matches, CancellationToken ct)
    {
        var known = _counts.Get<Counted>(terms);
        if (known?.Generation == generation)
        {
            return known.Count;
        }

        // A count remembered for a newer generation than this request's is counted again: a
        // restored database goes back to an older generation, and the count to older data.
        var counted = (known is not null && known.Generation < generation ? await CarryAsync(db, terms, known, generation, ct) : null)
            // One statement reads the generation, the count and the log's newest row, so that all
            // three hold for one state of the data.
            ?? await db.DataGenerations.Where(g => g.Id == 1).Select(g => new Counted(
                g.Value,
                matches.Count(),
                db.EmployerTextChanges.OrderByDescending(c => c.Id).Select(c => (long?)c.Id).FirstOrDefault(),
                db.EmployerTextChanges.OrderByDescending(c => c.Id).Select(c => (long?)c.Generation).FirstOrDefault())).SingleAsync(ct);
        // Remembered only if nothing changed since this request's generation was read: the plan
        // behind `matches` was made from the data then (SQLite's vocabulary of words), and a count
        // by an older plan must not be filed, and carried on, as the newer data's.
        if (terms.Remembered && counted.Generation == generation)
        {
            _counts.Set(terms, counted, new MemoryCacheEntryOptions { Size = 1 });
        }

        return counted.Count;
    }

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

    // What the search finds, said in C#: every term in the normalised name or description.
    public bool AllIn(string normalizedName, string? normalizedDescription) =>
        Sorted.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(term =>
            normalizedName.Contains(term, StringComparison.Ordinal) || normalizedDescription?.Contains(term, StringComparison.Ordinal) == true);
}
