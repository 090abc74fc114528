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

    // SQLite's trigram index finds substrings of three characters or more.
    private const int IndexedTermLength = 3;

    // Reads only the search table (see the SearchIndex migration): its unindexed columns come from
    // `employers` row by row, so a count never touches the employers, and rows leave it in id
    // order, so a page in id order stops after its last row.
    private const string SqliteMatch = """
        SELECT rowid AS id, name, normalized_name, description, normalized_description, image_id, created_at, updated_at
        FROM employer_search WHERE employer_search MATCH {0}
        """;

    // The ids of the employers with a two-character term in the name or the description (see the
    // ShortTermIndexes migration). Every occurrence of the term starts a trigram of the text, unless
    // it is the text's last two characters: the index's vocabulary (employer_search_terms) lists the
    // trigrams that start with the term, char(1114111) being the last code point, and an index on
    // each column's last two characters finds the rest. With no such trigram the query is three
    // newlines, which no normalised text holds (FTS5 refuses an empty query).
    private const string SqlitePairIds = """
        SELECT rowid AS Value FROM employer_search WHERE employer_search MATCH coalesce((
            SELECT group_concat('"' || replace(term, '"', '""') || '"', ' OR ') FROM employer_search_terms
            WHERE term >= {0} AND term <= {0} || char(1114111)), '"' || char(10, 10, 10) || '"')
        UNION ALL SELECT id FROM employers WHERE substr(normalized_name, -2) = {0}
        UNION ALL SELECT id FROM employers WHERE substr(normalized_description, -2) = {0}
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

    public static IQueryable<Employer> Filter(AppDb db, SearchPlan plan) =>
        Narrow(db, plan.Indexed is null ? db.Employers : db.Employers.FromSqlRaw(SqliteMatch, plan.Indexed), plan);

    // On SQLite, terms of three characters or more go to the trigram index as one FTS5 query, and
    // two-character ones to SqlitePairIds; the rest, and every term elsewhere, are looked for row
    // by row.
    public static SearchPlan Plan(AppDb db, IReadOnlyList<string> terms)
    {
        if (!db.Database.IsSqlite())
        {
            return new SearchPlan(null, [], [.. terms]);
        }

        var indexed = terms.Where(t => t.EnumerateRunes().Count() >= IndexedTermLength).ToList();
        var pairs = terms.Where(t => t.EnumerateRunes().Count() == 2).ToList();
        return new SearchPlan(
            indexed.Count > 0 ? string.Join(" AND ", indexed.Select(Phrase)) : null,
            pairs,
            terms.Except(indexed).Except(pairs).ToList());
    }

    // The terms a plan leaves to be looked for outside the FTS5 query, applied to `employers`.
    public static IQueryable<Employer> Narrow(AppDb db, IQueryable<Employer> employers, SearchPlan plan)
    {
        foreach (var pair in plan.Pairs)
        {
            var ids = db.Database.SqlQueryRaw<long>(SqlitePairIds, pair);
            employers = employers.Where(e => ids.Contains(e.Id));
        }

        // LIKE rather than Contains: PostgreSQL's trigram indexes serve LIKE '%...%', not strpos().
        foreach (var term in plan.RowByRow)
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

    // The ?ordering= fields that count, each "field" or "-field"; always ends in id, so that equal
    // names or times still page in one fixed order.
    public static List<string> OrderingFields(string? ordering)
    {
        var fields = (ordering ?? "").Split(',').Select(f => f.Trim()).Where(f => Key(f) is not null).ToList();
        if (!fields.Exists(f => Key(f) == "id"))
        {
            fields.Add("id");
        }

        return fields;
    }

    public static string FirstKey(IReadOnlyList<string> fields) => Key(fields[0])!;

    // `reverse` turns every field around: the same order read from its other end.
    public static IOrderedQueryable<Employer> Order(IQueryable<Employer> employers, IReadOnlyList<string> fields, bool reverse = false)
    {
        IOrderedQueryable<Employer>? ordered = null;
        foreach (var field in fields)
        {
            var descending = field.StartsWith('-') != reverse;
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

// What a search asks of the database: an FTS5 query for the trigram index (SQLite), terms of two
// characters (SQLite), and terms looked for row by row.
internal sealed record SearchPlan(string? Indexed, List<string> Pairs, List<string> RowByRow);
