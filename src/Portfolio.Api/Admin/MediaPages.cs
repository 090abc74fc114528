using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;
using Portfolio.Api.Media;

namespace Portfolio.Api.Admin;

// The console's media library: images newest first, a page at a time, each with the employers
// that use it, optionally only the unused ones.
internal sealed class MediaPages(AppDb db, MediaUrls urls)
{
    public const int PageSize = 20;

    public async Task<MediaPage> ReadAsync(HttpRequest request, bool unusedOnly, int page, CancellationToken ct)
    {
        var images = db.Images.AsNoTracking();
        if (unusedOnly)
        {
            images = images.Where(i => !db.Employers.Any(e => e.ImageId == i.Id));
        }

        var count = await images.CountAsync(ct);
        var (pages, number) = PageNumbers.Of(count, PageSize, page);
        var rows = await images.OrderByDescending(i => i.Id).Skip((number - 1) * PageSize).Take(PageSize)
            .Include(i => i.Thumbnails).AsSplitQuery().ToListAsync(ct);
        var ids = rows.Select(i => i.Id).ToList();
        var users = (await db.Employers.AsNoTracking().Where(e => e.ImageId != null && ids.Contains(e.ImageId.Value))
                .OrderBy(e => e.Name).Select(e => new { e.ImageId, e.Id, e.Name }).ToListAsync(ct))
            .ToLookup(e => e.ImageId!.Value, e => new EmployerLink(e.Id, e.Name));
        var baseUrl = urls.BaseFor(request);
        return new MediaPage(count, pages, number, rows.Select(i => new MediaRow(ImageResponse.From(i, baseUrl), i.CreatedAt, [.. users[i.Id]])).ToList());
    }
}

internal sealed record MediaPage(int Count, int Pages, int Number, List<MediaRow> Rows);

internal sealed record MediaRow(ImageResponse Image, DateTime CreatedAt, List<EmployerLink> UsedBy);

internal sealed record EmployerLink(long Id, string Name);
