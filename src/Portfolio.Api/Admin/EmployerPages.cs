using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;
using Portfolio.Api.Employers;
using Portfolio.Api.Http;
using Portfolio.Api.Media;

namespace Portfolio.Api.Admin;

// The console's employers list: the API's search, ordering and counting (EmployerList), read a
// page at a time for a table rather than for JSON.
internal sealed class EmployerPages(AppDb db, CurrentGeneration generation, RememberedCounts counts, MediaUrls urls)
{
    public const int PageSize = 20;

    // Null when the search has more terms than the API accepts.
    public async Task<EmployerPage?> ReadAsync(HttpRequest request, string? search, string ordering, int page, CancellationToken ct)
    {
        var terms = EmployerSearch.Terms(search?.Replace("\0", "", StringComparison.Ordinal));
        if (terms.Count > EmployerSearch.MaxTerms)
        {
            return null;
        }

        var current = await generation.GetAsync(ct);
        var plan = await SearchPlan.ForAsync(db, terms, ct);
        var list = new EmployerList(db, plan, ordering, new RememberedCount(counts, current, SearchTerms.Of(terms)));
        var count = await list.CountAsync(ct);
        var (pages, number) = PageNumbers.Of(count, PageSize, page);
        var rows = await list.RowsAsync(new PageWindow((number - 1) * PageSize, PageSize, count), ct);
        var baseUrl = urls.BaseFor(request);
        return new EmployerPage(count, pages, rows.Select(e => EmployerRow.From(e, baseUrl)).ToList());
    }

    // One employer with its image as the API answers it.
    public async Task<EmployerView?> FindAsync(HttpRequest request, long id, CancellationToken ct)
    {
        var employer = await db.Employers.AsNoTracking().Include(e => e.Image).ThenInclude(i => i!.Thumbnails)
            .FirstOrDefaultAsync(e => e.Id == id, ct);
        return employer is null ? null : new EmployerView(
            employer.Id, employer.Name, employer.Description, employer.Image is { } image ? ImageResponse.From(image, urls.BaseFor(request)) : null);
    }
}

internal sealed record EmployerView(long Id, string Name, string? Description, ImageResponse? Image);

internal sealed record EmployerPage(int Count, int Pages, List<EmployerRow> Rows);

internal sealed record EmployerRow(long Id, string Name, string? Description, DateTime UpdatedAt, string? Thumbnail)
{
    public static EmployerRow From(Employer employer, string mediaBaseUrl) => new(
        employer.Id,
        employer.Name,
        employer.Description,
        employer.UpdatedAt,
        employer.Image?.Thumbnails.OrderBy(t => t.BoxSize).Select(t => MediaUrls.Build(mediaBaseUrl, t.File)).FirstOrDefault());
}
