using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Media.Storage;

namespace Portfolio.Api.Media;

// The work behind `cleanup-media` and `regenerate-thumbnails`.
internal sealed class MediaMaintenance(AppDb db, IFileStore store, ImagePipeline pipeline, AuditTrail audit, IOptions<MediaOptions> options, TimeProvider clock)
{
    public async Task<MediaAudit> AuditAsync(CancellationToken ct)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        referenced.UnionWith(await db.Images.Select(i => i.File).ToListAsync(ct));
        referenced.UnionWith(await db.Thumbnails.Select(t => t.File).ToListAsync(ct));

        var stored = new HashSet<string>(StringComparer.Ordinal);
        var orphans = new List<StoredFile>();
        var young = new List<StoredFile>();
        var cutoff = clock.GetUtcNow() - options.Value.OrphanMinimumAge;
        await foreach (var file in store.ListAsync(StoredName.Folder, ct))
        {
            stored.Add(file.Key);
            if (!referenced.Contains(file.Key))
            {
                (file.LastModified < cutoff ? orphans : young).Add(file);
            }
        }

        var missing = referenced.Where(key => !stored.Contains(key)).Order(StringComparer.Ordinal).ToList();
        return new MediaAudit([.. orphans.OrderBy(f => f.Key, StringComparer.Ordinal)], young, missing);
    }

    // The files go first: the entry names the files that are gone, even if the command is then interrupted.
    public async Task DeleteAsync(IReadOnlyList<StoredFile> files, CancellationToken ct)
    {
        if (files.Count == 0)
        {
            return;
        }

        foreach (var file in files)
        {
            await store.DeleteAsync(file.Key, ct);
        }

        await using var change = await audit.BeginAsync(ct);
        audit.Record(new AuditRecord(AuditActions.MediaCleanup, AuditObjects.Media, null, null,
            new AuditChanges().Removed("files", files.Select(f => f.Key).ToList())));
        await change.CommitAsync(ct);
    }

    public Task<int> CountImagesAsync(CancellationToken ct) => db.Images.CountAsync(ct);

    // Rebuilds every image's four thumbnails from its original, in id order, one image at a time.
    public async IAsyncEnumerable<RegenerateResult> RegenerateAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        long after = 0;
        while (await db.Images.Include(i => i.Thumbnails).OrderBy(i => i.Id).FirstOrDefaultAsync(i => i.Id > after, ct) is { } image)
        {
            after = image.Id;
            yield return new RegenerateResult(image.File, await RegenerateAsync(image, ct));
            db.ChangeTracker.Clear();
        }
    }

    private async Task<string?> RegenerateAsync(MediaImage image, CancellationToken ct)
    {
        IReadOnlyDictionary<int, byte[]> thumbnails;
        await using (var original = await store.OpenAsync(image.File, ct))
        {
            if (original is null)
            {
                return "original file is missing";
            }

            try
            {
                thumbnails = await (await pipeline.ProcessAsync(original, ct)).Thumbnails;
            }
            catch (ImageRejectedException e)
            {
                return e.Message;
            }
        }

        var before = image.Thumbnails.OrderBy(t => t.BoxSize).Select(t => t.Bytes).ToList();
        var directory = image.File[..image.File.LastIndexOf('/')];
        var stem = Path.GetFileNameWithoutExtension(image.File);
        foreach (var (box, content) in thumbnails)
        {
            var thumbnail = image.Thumbnails.FirstOrDefault(t => t.BoxSize == box);
            if (thumbnail is null)
            {
                thumbnail = new Thumbnail { BoxSize = box, File = StoredName.ThumbnailKey(directory, stem, box) };
                image.Thumbnails.Add(thumbnail);
            }

            await store.SaveAsync(thumbnail.File, content, overwrite: true, ct);
            thumbnail.Bytes = content.Length;
        }

        await using var change = await audit.BeginAsync(ct);
        await db.SaveChangesAsync(ct);
        audit.Record(new AuditRecord(AuditActions.MediaRegenerate, AuditObjects.Media, image.Id, image.Name,
            new AuditChanges().Changed("thumbnail_bytes", before, image.Thumbnails.OrderBy(t => t.BoxSize).Select(t => t.Bytes).ToList())));
        await change.CommitAsync(ct);
        return null;
    }
}

internal sealed record MediaAudit(IReadOnlyList<StoredFile> OrphanFiles, IReadOnlyList<StoredFile> RecentUnreferenced, IReadOnlyList<string> MissingFiles);

// Error is null when the image's thumbnails were rebuilt.
internal sealed record RegenerateResult(string File, string? Error);
