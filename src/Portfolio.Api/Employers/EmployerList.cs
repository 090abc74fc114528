using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Employers;

// The employers list under ?search= and ?ordering=: its count (RememberedCounts), and one page
// read in the way that costs least for what the count found (docs/design.md, "Search and ordering").
internal sealed class EmployerList(AppDb db, SearchPlan search, string? ordering, RememberedCount count)
{
    // A page ordered by another field than id may walk that field's index (see Source): employers
    // whose ids the plan's full-text index found, in the order of the field's index.
    private static readonly Dictionary<string, string> SqliteWalks = new()
    {
        ["name"] = "ix_employers_name",
        ["created_at"] = "ix_employers_created_at",
        ["updated_at"] = "ix_employers_updated_at",
    };

    private readonly List<string> _fields = EmployerSearch.OrderingFields(ordering);
    private long _lastId;

    public async Task<int> CountAsync(CancellationToken ct)
    {
        if (search.Source is not null && SqliteWalks.ContainsKey(EmployerSearch.FirstKey(_fields)))
        {
            // How dense the matches are decides how a page ordered by that field is read (Source).
            _lastId = await db.Employers.MaxAsync(e => (long?)e.Id, ct) ?? 0;
        }

        return await count.Counts.CountAsync(db, count.Terms, count.Generation, search.Filter(db), ct);
    }

    public async Task<List<Employer>> RowsAsync(PageWindow window, CancellationToken ct)
    {
        // A page in the back half is read from the other end, in the reversed order: page=last of
        // 30,000 matches reads 20 rows rather than skipping 29,980.
        var take = Math.Min(window.Size, Math.Max(0, window.Count - window.Offset));
        var fromEnd = window.Count - window.Offset - take;
        var reverse = take > 0 && fromEnd < window.Offset;
        var (skip, size) = reverse ? (fromEnd, take) : (window.Offset, window.Size);
        var page = await EmployerSearch.Order(Source(skip + size, window.Count), _fields, reverse)
            .AsNoTracking()
            .Include(e => e.Image)
            .ThenInclude(i => i!.Thumbnails)
            .Skip(skip)
            .Take(size)
            .ToListAsync(ct);
        if (reverse)
        {
            page.Reverse();
        }

        return page;
    }

    // Ordered by id, the full-text index hands out its rows in id order and the page stops after
    // its last row. Ordered by another field, the matches would all be read and sorted (about
    // 0.8 µs a match); when they are dense enough, walking that field's index reads far fewer rows:
    // for a word in a third of the rows, about three rows of the index per row of the page. The walk
    // passes about `through` * all / matches rows. A short walk tests each row's own text (about
    // 2.3 µs a row); a longer one keeps the rows among the matches' ids, a set built from the
    // full-text index first (about 0.2 µs a match, then 1 µs a row). bench/list.sh and
    // docs/design.md have the figures.
    private IQueryable<Employer> Source(int through, int matches)
    {
        if (search.Source is { } source && SqliteWalks.TryGetValue(EmployerSearch.FirstKey(_fields), out var index) && matches > 0)
        {
            var passedTimesMatches = (long)through * _lastId;
            if (8 * passedTimesMatches <= (long)matches * matches)
            {
                var walk = $"SELECT * FROM employers INDEXED BY {index}";
                return search.ContainingEveryTerm(db.Employers.FromSqlRaw(walk));
            }

            if (passedTimesMatches <= 4L * matches * matches)
            {
                var walk = $"SELECT * FROM employers INDEXED BY {index} WHERE id IN ({source.Ids})";
                return search.Narrow(db, db.Employers.FromSqlRaw(walk, source.Match));
            }
        }

        return search.Filter(db);
    }
}

// Where a list's count is remembered, the generation read for this request and the search's terms.
internal sealed record RememberedCount(RememberedCounts Counts, long Generation, SearchTerms Terms);
