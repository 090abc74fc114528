using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;

namespace Portfolio.Api.Admin;

// The console's history pages: the trail as the API selects and orders it (AuditReads) and maps
// each entry (AuditEntryResponse), a page at a time for a table rather than for JSON.
internal sealed class HistoryPages(AppDb db)
{
    public const int PageSize = 20;

    public Task<HistoryPage> TrailAsync(AuditFilters filters, int page, CancellationToken ct) =>
        ReadAsync(AuditReads.Trail(db, filters), page, ct);

    // Null when the API's history would answer 404: no such employer, and never was.
    public async Task<EmployerHistoryPage?> EmployerAsync(long id, int page, CancellationToken ct)
    {
        if (await AuditReads.EmployerHistoryAsync(db, id, ct) is not { } entries)
        {
            return null;
        }

        // A deleted employer is known by the name its newest entry gave it.
        var name = await db.Employers.Where(e => e.Id == id).Select(e => e.Name).FirstOrDefaultAsync(ct);
        var exists = name is not null;
        name ??= await entries.Select(e => e.ObjectName).FirstOrDefaultAsync(ct);
        return new EmployerHistoryPage(name ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture), exists, await ReadAsync(entries, page, ct));
    }

    private async Task<HistoryPage> ReadAsync(IQueryable<AuditEntry> ordered, int page, CancellationToken ct)
    {
        var count = await ordered.CountAsync(ct);
        var (pages, number) = PageNumbers.Of(count, PageSize, page);
        var entries = await ordered.Skip((number - 1) * PageSize).Take(PageSize).ToListAsync(ct);

        // Only an employer that is still there gets a link; the others would lead to a 404.
        var employerIds = entries.Where(e => e.ObjectType == AuditObjects.Employer && e.ObjectId is not null)
            .Select(e => e.ObjectId!.Value).Distinct().ToList();
        var existing = employerIds.Count == 0
            ? []
            : await db.Employers.Where(e => employerIds.Contains(e.Id)).Select(e => e.Id).ToHashSetAsync(ct);
        return new HistoryPage(count, number, pages, entries.ConvertAll(e => HistoryRow.From(AuditEntryResponse.From(e), existing)));
    }
}

// Public as HistoryTable's parameter.
public sealed record HistoryPage(int Count, int Number, int Pages, List<HistoryRow> Rows);

internal sealed record EmployerHistoryPage(string Name, bool Exists, HistoryPage Page);
