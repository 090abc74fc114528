using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Employers;

internal static class EmployersSetup
{
    public static void AddEmployers(this IHostApplicationBuilder builder)
    {
        // An answer is about a kilobyte, 11 KB with the longest description: 5,000 of them hold a
        // large portfolio in a few megabytes and 55 MB at worst. Past that, answers are built each time.
        builder.Services.AddSingleton(new GenerationCache<EmployerPage, PreparedJson<EmployerResponse>>(capacity: 5_000));

        // The count of a list or a search, exact only by counting every match: at a million
        // employers a common word takes PostgreSQL hundreds of milliseconds. Paging through a
        // search, or many clients asking for the same list, counts once per change of the data.
        // A key of at most SearchTerms.MaxRemembered characters: 1,000 of them hold 4 MB at worst;
        // past that, counts are counted each time until the data changes.
        builder.Services.AddSingleton(new GenerationCache<SearchTerms, int>(capacity: 1_000));
        builder.Services.AddScoped<EmployerEditor>();
    }
}

// One retrieve answer: the employer and the base its file URLs are built on.
internal readonly record struct EmployerPage(long Id, string MediaBaseUrl);

// The terms of a search in a fixed order, the key of its remembered count: every term must match,
// in whatever order they came. Normalised terms hold no newline.
internal readonly record struct SearchTerms(string Sorted)
{
    // Longer searches are counted each time: no person types them, and the cache stays small
    // whatever length the transport lets through.
    public const int MaxRemembered = 2_048;

    public bool Remembered => Sorted.Length <= MaxRemembered;

    public static SearchTerms Of(IEnumerable<string> terms) => new(string.Join('\n', terms.Order(StringComparer.Ordinal)));
}
