using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;

namespace Portfolio.Api.Employers;

// DRF's SearchFilter and OrderingFilter over the employers. ?search= is split as DRF splits it
// (white space and commas, "quoted phrases" kept whole); every term must be found in the name or
// the description, compared after the same normalisation as names. ?ordering= takes id, name,
// created_at and updated_at, "-" for descending, comma-separated; unknown fields are dropped.
internal static partial class EmployerSearch
{
    public const string SearchParameter = "search";
    public const string OrderingParameter = "ordering";

    // SQLite's trigram index finds substrings of three characters or more; shorter terms are
    // looked for row by row.
    private const int IndexedTermLength = 3;

    // Reads only the search table (see the SearchIndex migration): its unindexed columns come from
    // `employers` row by row, so a count never touches the employers, and rows leave it in id
    // order, so a page in id order stops after its last row.
    private const string SqliteMatch = """
        SELECT rowid AS id, name, normalized_name, description, normalized_description, image_id, created_at, updated_at
        FROM employer_search WHERE employer_search MATCH {0}
        """;

    private const string LikeEscape = "\\";

    private static string EscapeLike(string term) =>
        term.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    // django.utils.text.smart_split: runs of non-space, with "..." or '...' kept whole.
    [GeneratedRegex("""((?:[^\s'"]*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')[^\s'"]*)+)|\S+)""")]
    private static partial Regex SmartSplit();

    // The normalised terms of ?search=, empty ones dropped.
    public static List<string> Terms(string? search)
    {
        var terms = new List<string>();
        foreach (Match match in SmartSplit().Matches(search ?? ""))
        {
            var term = match.Value.Trim(',');
            if (term.Length > 0 && term[0] is '"' or '\'' && term[^1] == term[0])
            {
                // unescape_string_literal; a lone quote is an empty phrase, as in Python's s[1:-1].
                var quote = term[0].ToString();
                var inner = term.Length > 1 ? term[1..^1] : "";
                terms.Add(inner.Replace("\\" + quote, quote, StringComparison.Ordinal).Replace(@"\\", @"\", StringComparison.Ordinal));
            }
            else
            {
                terms.AddRange(term.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return terms.Select(EmployerName.Normalize).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }

    public static IQueryable<Employer> Filter(AppDb db, IReadOnlyList<string> terms)
    {
        var indexed = db.Database.IsSqlite() ? terms.Where(t => t.EnumerateRunes().Count() >= IndexedTermLength).ToList() : [];
        var employers = indexed.Count > 0
            ? db.Employers.FromSqlRaw(SqliteMatch, string.Join(" AND ", indexed.Select(Phrase)))
            : db.Employers;

        // LIKE rather than Contains: PostgreSQL's trigram indexes serve LIKE '%...%', not strpos().
        foreach (var term in terms.Except(indexed))
        {
            var pattern = $"%{EscapeLike(term)}%";
            employers = employers.Where(e => EF.Functions.Like(e.NormalizedName, pattern, LikeEscape)
                || (e.NormalizedDescription != null && EF.Functions.Like(e.NormalizedDescription, pattern, LikeEscape)));
        }

        return employers;
    }

    // Rows written before normalized_description existed get it here, in C# where the rules
    // live; the update trigger then indexes them. Run after every migration; usually finds none.
    public static async Task FillNormalizedTextAsync(AppDb db, CancellationToken ct)
    {
        var stale = await db.Employers.Where(e => e.Description != null && e.NormalizedDescription == null).ToListAsync(ct);
        stale.ForEach(employer => employer.NormalizeDescription());
        await db.SaveChangesAsync(ct);
    }

    // Always ends in id, so that equal names or times still page in one fixed order.
    public static IOrderedQueryable<Employer> Order(IQueryable<Employer> employers, string? ordering)
    {
        var fields = (ordering ?? "").Split(',').Select(f => f.Trim()).Where(f => Key(f) is not null).ToList();
        if (!fields.Exists(f => Key(f) == "id"))
        {
            fields.Add("id");
        }

        IOrderedQueryable<Employer>? ordered = null;
        foreach (var field in fields)
        {
            var descending = field.StartsWith('-');
            ordered = Key(field) switch
            {
                "name" => By(employers, ordered, e => e.Name, descending),
                "created_at" => By(employers, ordered, e => e.CreatedAt, descending),
                "updated_at" => By(employers, ordered, e => e.UpdatedAt, descending),
                _ => By(employers, ordered, e => e.Id, descending),
            };
        }

        return ordered!;
    }

    // As DRF: one leading "-" is stripped, then the name must be one of the fields.
    private static string? Key(string field)
    {
        var key = field.StartsWith('-') ? field[1..] : field;
        return key is "id" or "name" or "created_at" or "updated_at" ? key : null;
    }

    private static IOrderedQueryable<Employer> By<TKey>(
        IQueryable<Employer> employers, IOrderedQueryable<Employer>? ordered, Expression<Func<Employer, TKey>> key, bool descending) =>
        (ordered, descending) switch
        {
            (null, false) => employers.OrderBy(key),
            (null, true) => employers.OrderByDescending(key),
            (_, false) => ordered.ThenBy(key),
            (_, true) => ordered.ThenByDescending(key),
        };

    // An FTS5 string: the term taken literally, quotes doubled.
    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
