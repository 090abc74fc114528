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

    // Every term adds a condition to one query: past a few hundred, SQLite refuses the query as
    // too deep, and no person types so many. DRF has no such limit (and would fail on SQLite);
    // the message is worded as Django's length validators word theirs.
    public const int MaxTerms = 200;

    public static string TooManyTerms(int count) => $"Ensure this search has at most {MaxTerms} terms (it has {count}).";

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
}
