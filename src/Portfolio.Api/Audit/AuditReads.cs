using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;

namespace Portfolio.Api.Audit;

// What the trail shows and in which order, for the API and the console alike: a list of the trail
// read anywhere else would soon disagree with /api/audit about what a filter means.
internal static class AuditReads
{
    // The filtered trail, newest first by id (time order is id order: AuditTrail).
    public static IQueryable<AuditEntry> Trail(AppDb db, AuditFilters filters) =>
        Newest(filters.Apply(db.AuditEntries.AsNoTracking()));

    // An employer's entries, newest first, also once it is deleted, since the trail is then all
    // that is left of it; null when there is no such employer and never was.
    public static async Task<IQueryable<AuditEntry>?> EmployerHistoryAsync(AppDb db, long id, CancellationToken ct)
    {
        var entries = db.AuditEntries.AsNoTracking().Where(e => e.ObjectType == AuditObjects.Employer && e.ObjectId == id);
        if (!await db.Employers.AnyAsync(e => e.Id == id, ct) && !await entries.AnyAsync(ct))
        {
            return null;
        }

        return Newest(entries);
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> entries) => entries.OrderByDescending(e => e.Id);
}
