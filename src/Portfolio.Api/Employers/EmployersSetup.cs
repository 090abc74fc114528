using Portfolio.Api.Data;

namespace Portfolio.Api.Employers;

internal static class EmployersSetup
{
    public static void AddEmployers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new GenerationCache<long, Employer>(capacity: 100_000));
        builder.Services.AddScoped<EmployerEditor>();
    }
}
