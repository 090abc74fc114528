using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;

namespace Portfolio.Api.Employers;

// What a search asks of the database (docs/design.md, "Search and ordering"). On SQLite:
// - a term of three characters or more without a space is looked for by word: the vocabulary's
//   trigram index (search_word_trigrams) lists the words that hold it, and the word index
//   (employer_words) the employers with any of those words, a list of ids per word that counts
//   several times cheaper than the trigram index's phrases (migration WordIndex);
// - other terms of three characters or more, one held by more than MaxWords words, and one whose
//   words would make the query too long, go to the trigram index (employer_search) as phrases;
// - two-character terms go to PairIds;
// - single characters, and every term elsewhere, are looked for row by row.
// Every term must match. The rows come from the word index if a term went there, else from the
// trigram index, else from `employers`; the other lists narrow them.
internal sealed record SearchPlan(FullTextQuery? Words, FullTextQuery? Trigrams, List<string> Pairs, List<string> RowByRow)
{
    // A term in hundreds of words (a number's digits) counts slower as hundreds of words than as
    // its trigrams, and is rare enough that the trigrams are cheap (bench/list.sh, docs/design.md).
    private const int MaxWords = 8;

    // A word may be 5,000 characters long: the terms' words share this many characters of the
    // word index's query, and a term past it goes to the trigram index, so that a short request
    // never builds a query of megabytes.
    private const int MaxWordQueryLength = 4_096;

    private const string WordsHolding = """
        SELECT word AS Value FROM search_word_trigrams WHERE search_word_trigrams MATCH {0} LIMIT {1}
        """;

    // The ids of the employers with a two-character term in the name or the description (see the
    // ShortTermIndexes migration). Every occurrence of the term starts a trigram of the text, unless
    // it is the text's last two characters: the index's vocabulary (employer_search_terms) lists the
    // trigrams that start with the term, char(1114111) being the last code point, and an index on
    // each column's last two characters finds the rest. With no such trigram the query is three
    // newlines, which no normalised text holds (FTS5 refuses an empty query).
    private const string PairIds = """
        SELECT rowid AS Value FROM employer_search WHERE employer_search MATCH coalesce((
            SELECT group_concat('"' || replace(term, '"', '""') || '"', ' OR ') FROM employer_search_terms
            WHERE term >= {0} AND term <= {0} || char(1114111)), '"' || char(10, 10, 10) || '"')
        UNION ALL SELECT id FROM employers WHERE substr(normalized_name, -2) = {0}
        UNION ALL SELECT id FROM employers WHERE substr(normalized_description, -2) = {0}
        """;

    private const string LikeEscape = "\\";

    // A term that no word holds: no employer matches.
    private static readonly SearchPlan Nothing = new(null, null, [], []) { FindsNothing = true };

    public bool FindsNothing { get; private init; }

    // Every term, whichever index serves it.
    public IReadOnlyList<string> Terms { get; private init; } = [];

    // The full-text index the rows are read from, if any.
    public FullTextQuery? Source => Words ?? Trigrams;

    public static async Task<SearchPlan> ForAsync(AppDb db, IReadOnlyList<string> terms, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return new SearchPlan(null, null, [], [.. terms]) { Terms = terms };
        }

        List<string> words = [], trigrams = [], pairs = [], rowByRow = [];
        var wordQueryLeft = MaxWordQueryLength;
        foreach (var term in terms)
        {
            var length = term.EnumerateRunes().Count();
            if (length < 3)
            {
                (length == 2 ? pairs : rowByRow).Add(term);
                continue;
            }

            var holders = term.Contains(' ', StringComparison.Ordinal) ? null : await WordsHoldingAsync(db, term, ct);
            if (holders is { Count: 0 })
            {
                return Nothing;
            }

            var part = holders is null ? null : $"({string.Join(" OR ", holders.Select(Phrase))})";
            if (part is null || part.Length > wordQueryLeft)
            {
                trigrams.Add(Phrase(term));
            }
            else
            {
                words.Add(part);
                wordQueryLeft -= part.Length;
            }
        }

        return new SearchPlan(FullTextQuery.Of("employer_words", words), FullTextQuery.Of("employer_search", trigrams), pairs, rowByRow)
        {
            Terms = terms,
        };
    }

    public IQueryable<Employer> Filter(AppDb db) =>
        FindsNothing ? db.Employers.Where(e => false)
            : Narrow(db, Source is { } source ? db.Employers.FromSqlRaw(source.Rows, source.Match) : db.Employers);

    // What the plan leaves to be looked for outside its source, applied to `employers`.
    public IQueryable<Employer> Narrow(AppDb db, IQueryable<Employer> employers)
    {
        if (Words is not null && Trigrams is { } trigrams)
        {
            var ids = db.Database.SqlQueryRaw<long>(trigrams.Ids, trigrams.Match);
            employers = employers.Where(e => ids.Contains(e.Id));
        }

        // One condition for all the two-character terms: with one `IN` per term, SQLite's planner
        // gives up using a full-text source's MATCH past a few dozen of them.
        if (Pairs.Count > 0)
        {
            var every = string.Join(" INTERSECT ", Pairs.Select((_, i) => $"SELECT Value FROM ({PairIds.Replace("{0}", $"{{{i}}}", StringComparison.Ordinal)})"));
            var ids = db.Database.SqlQueryRaw<long>(every, [.. Pairs]);
            employers = employers.Where(e => ids.Contains(e.Id));
        }

        return Containing(employers, RowByRow);
    }

    // Every term looked for in each row's own text: exact by definition, and cheap for the few
    // rows that a short walk of an ordering's index passes (EmployerList.Source).
    public IQueryable<Employer> ContainingEveryTerm(IQueryable<Employer> employers) => Containing(employers, Terms);

    // LIKE rather than Contains: PostgreSQL's trigram indexes serve LIKE '%...%', not strpos().
    private static IQueryable<Employer> Containing(IQueryable<Employer> employers, IEnumerable<string> terms)
    {
        foreach (var term in terms)
        {
            var pattern = $"%{EscapeLike(term)}%";
            employers = employers.Where(e => EF.Functions.Like(e.NormalizedName, pattern, LikeEscape)
                || (e.NormalizedDescription != null && EF.Functions.Like(e.NormalizedDescription, pattern, LikeEscape)));
        }

        return employers;
    }

    // The vocabulary's words that hold the term, or null where the word index does not serve it:
    // more than MaxWords words, or a word with an ASCII control character, where the word index's
    // tokenizer splits what the vocabulary keeps whole (migration WordIndex).
    private static async Task<List<string>?> WordsHoldingAsync(AppDb db, string term, CancellationToken ct)
    {
        var words = await db.Database.SqlQueryRaw<string>(WordsHolding, Phrase(term), MaxWords + 1).ToListAsync(ct);
        return words.Count > MaxWords || words.Exists(word => word.Any(c => c < 0x20 || c == 0x7F)) ? null : words;
    }

    private static string EscapeLike(string term) =>
        term.Replace(LikeEscape, LikeEscape + LikeEscape, StringComparison.Ordinal)
            .Replace("%", LikeEscape + "%", StringComparison.Ordinal)
            .Replace("_", LikeEscape + "_", StringComparison.Ordinal);

    // An FTS5 string: the term taken literally, quotes doubled.
    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

// An FTS5 query of one of the search tables, every term's part ANDed. Both tables mirror
// `employers`' columns; reading one reads only the index (its unindexed columns come from
// `employers` row by row), so a count never touches the employers, and rows leave it in id order,
// so a page in id order stops after its last row.
internal sealed record FullTextQuery(string Table, string Match)
{
    public string Rows => $$"""
        SELECT rowid AS id, name, normalized_name, description, normalized_description, image_id, created_at, updated_at
        FROM {{Table}} WHERE {{Table}} MATCH {0}
        """;

    public string Ids => $"SELECT rowid AS Value FROM {Table} WHERE {Table} MATCH {{0}}";

    public static FullTextQuery? Of(string table, List<string> parts) =>
        parts.Count == 0 ? null : new FullTextQuery(table, string.Join(" AND ", parts));
}
