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

        builder.Services.AddSingleton<RememberedCounts>();
        builder.Services.AddScoped<EmployerEditor>();
    }
}

// One retrieve answer: the employer and the base its file URLs are built on.
internal readonly record struct EmployerPage(long Id, string MediaBaseUrl);
