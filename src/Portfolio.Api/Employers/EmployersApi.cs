using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Media;

namespace Portfolio.Api.Employers;

internal static class EmployersApi
{
    private static readonly Func<AppDb, long, CancellationToken, Task<Employer?>> FindEmployer =
        EF.CompileAsyncQuery((AppDb db, long id, CancellationToken ct) => db.Employers
            .AsNoTracking()
            .Include(e => e.Image)
            .ThenInclude(i => i!.Thumbnails)
            .FirstOrDefault(e => e.Id == id));

    public static void MapEmployers(this IEndpointRouteBuilder app)
    {
        var employers = app.MapGroup("/api/portfolios/employers")
            .RequireAuthorization(Policies.PortfolioEmployer)
            .WithTags("Employers");

        employers.MapGet("/{id}", Retrieve)
            .WithName("RetrievePortfolioEmployer")
            .WithSummary("Retrieve a portfolio employer by its id.");
    }

    private static async Task<Results<Ok<EmployerResponse>, NotFound<ErrorBody>>> Retrieve(
        string id, AppDb db, CurrentGeneration generation, GenerationCache<long, Employer> cache, MediaUrls urls, HttpRequest request, CancellationToken ct)
    {
        if (!ResourceId.TryParse(id, out var key))
        {
            return DrfErrors.NotFound();
        }

        var current = await generation.GetAsync(ct);
        if (!cache.TryGet(current, key, out var employer))
        {
            employer = await FindEmployer(db, key, ct);
            if (employer is null)
            {
                return DrfErrors.NotFound();
            }

            cache.Add(current, key, employer);
        }

        return TypedResults.Ok(EmployerResponse.From(employer, urls.BaseFor(request)));
    }
}
