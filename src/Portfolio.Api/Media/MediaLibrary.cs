using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Media.Storage;

namespace Portfolio.Api.Media;

// Keeps files and rows together: an image exists only when its original, its four thumbnails
// and its rows all do. Files are written first and removed again if anything after them fails
// (later, if the store itself is what failed).
internal sealed class MediaLibrary(AppDb db, ImagePipeline pipeline, IFileStore store, PendingDeletes deletes, AuditTrail audit, TimeProvider clock, ILogger<MediaLibrary> logger)
{
    // A taken name is retried with a random suffix; eight tries at 62^7 each cannot all collide.
    private const int NameAttempts = 8;

    // An upload decoded, checked and stored: the image, or why it was refused (the `file` field's
    // complaint). Both the API and the console upload through here.
    public async Task<(MediaImage? Image, string? Refusal)> UploadAsync(UploadForm form, CancellationToken ct)
    {
        try
        {
            await using var source = form.File.OpenReadStream();
            var image = await pipeline.ProcessAsync(source, ct);
            return (await AddAsync(image, form.File.FileName, form.Name, ct), null);
        }
        catch (ImageRejectedException e)
        {
            return (null, e.Message);
        }
    }

    private async Task<MediaImage> AddAsync(ProcessedImage image, string fileName, string displayName, CancellationToken ct)
    {
        var now = Timestamps.UtcNow(clock);
        var directory = StoredName.Directory(now);
        var written = new List<string>();
        var committed = false;
        string? originalKey = null;
        try
        {
            var stem = await WriteFilesAsync(image, directory, StoredName.Stem(fileName), written, ct);
            var row = new MediaImage
            {
                Name = displayName,
                Type = image.Format.MimeType,
                File = StoredName.OriginalKey(directory, stem, image.Format),
                Size = image.Original.Length,
                Width = image.Width,
                Height = image.Height,
                Mode = image.Mode,
                CreatedAt = now,
            };
            foreach (var (box, content) in await image.Thumbnails)
            {
                row.Thumbnails.Add(new Thumbnail { BoxSize = box, File = StoredName.ThumbnailKey(directory, stem, box), Bytes = content.Length });
            }

            // The image, its thumbnails and its entry commit in one transaction. Not cancelled by
            // the client: a commit whose outcome is unknown would leave its files in doubt.
            originalKey = row.File;
            await using (var change = await audit.BeginAsync(CancellationToken.None))
            {
                db.Images.Add(row);
                await db.SaveChangesAsync(CancellationToken.None);
                audit.Record(new AuditRecord(AuditActions.MediaUpload, AuditObjects.Media, row.Id, row.Name, Described(row, new AuditChanges(), added: true)));
                await change.CommitAsync(CancellationToken.None);
            }

            committed = true;
            return row;
        }
        finally
        {
            if (!committed && !await RowMayExistAsync(originalKey))
            {
                await deletes.DeleteAsync(written);
            }
        }
    }

    // After a failed commit: the row is surely absent unless the database cannot say (a connection
    // lost during COMMIT). Then the files stay, as orphans that cleanup-media reports.
    private async Task<bool> RowMayExistAsync(string? originalKey)
    {
        if (originalKey is null)
        {
            return false;
        }

        try
        {
            db.ChangeTracker.Clear();
            return await db.Images.AnyAsync(i => i.File == originalKey, CancellationToken.None);
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogWarning(e, "Upload of {File} failed and the database cannot say whether it was stored; its files are kept.", originalKey);
            return true;
        }
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct) =>
        await DeleteAsync(id, onlyIfUnused: false, ct) == MediaDeletion.Deleted;

    // onlyIfUnused (the console's delete): an image that an employer uses is kept, decided under
    // the same lock that keeps employers from taking it up meanwhile.
    public async Task<MediaDeletion> DeleteAsync(long id, bool onlyIfUnused, CancellationToken ct)
    {
        // Rows first (thumbnails cascade, employers' image_id becomes NULL): a file left behind by
        // a crash here is an orphan that cleanup-media finds, never a row pointing at nothing. The
        // image's row is locked first, so that no employer takes it up between the read of its
        // users and the delete. Of two DELETEs racing for one image, the one that removed no row
        // answers 404.
        await using var change = await audit.BeginAsync(ct);
        var image = await db.ImageForUpdate(id)
            .AsNoTracking().Include(i => i.Thumbnails).FirstOrDefaultAsync(ct);
        if (image is null)
        {
            return MediaDeletion.NotFound;
        }

        var users = await db.Employers.Where(e => e.ImageId == id).OrderBy(e => e.Id).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        if (onlyIfUnused && users.Count > 0)
        {
            return MediaDeletion.InUse;
        }

        if (await db.Images.Where(i => i.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            return MediaDeletion.NotFound;
        }

        audit.Record(new AuditRecord(AuditActions.MediaDelete, AuditObjects.Media, image.Id, image.Name, Described(image, new AuditChanges(), added: false)));
        foreach (var employer in users)
        {
            audit.Record(new AuditRecord(AuditActions.EmployerUpdate, AuditObjects.Employer, employer.Id, employer.Name,
                new AuditChanges().Changed("image", (long?)id, null)));
        }

        await change.CommitAsync(ct);
        await deletes.DeleteAsync([image.File, .. image.Thumbnails.Select(t => t.File)]);
        return MediaDeletion.Deleted;
    }

    // An image's entry names what was stored: its files, type, size and dimensions.
    private static AuditChanges Described(MediaImage image, AuditChanges changes, bool added)
    {
        void Field<T>(string name, T value) => _ = added ? changes.Added(name, value) : changes.Removed(name, value);
        Field("name", image.Name);
        Field("file", image.File);
        Field("type", image.Type);
        Field("size", image.Size);
        Field("width", image.Width);
        Field("height", image.Height);
        Field("mode", image.Mode);
        Field("thumbnails", image.Thumbnails.OrderBy(t => t.BoxSize).Select(t => t.File).ToList());
        return changes;
    }

    private async Task<string> WriteFilesAsync(ProcessedImage image, string directory, string baseStem, List<string> written, CancellationToken ct)
    {
        for (var attempt = 0; attempt < NameAttempts; attempt++)
        {
            var stem = attempt == 0 ? baseStem : StoredName.WithSuffix(baseStem);
            var original = StoredName.OriginalKey(directory, stem, image.Format);

            if (await TakenAsync(directory, stem, original, ct)
                || !await store.SaveAsync(original, image.Original, overwrite: false, ct))
            {
                continue;
            }

            written.Add(original);

            // The thumbnails were being made while the original was written.
            var thumbnails = (await image.Thumbnails).Select(t => (Key: StoredName.ThumbnailKey(directory, stem, t.Key), Content: t.Value)).ToList();

            // Side by side: on S3 one round trip for the four instead of one each. Each one
            // written is noted, even when another fails, so that nothing is left behind.
            var saves = thumbnails.ConvertAll(t => store.SaveAsync(t.Key, t.Content, overwrite: false, ct));
            try
            {
                await Task.WhenAll(saves);
            }
            finally
            {
                written.AddRange(thumbnails.Where((_, i) => saves[i].IsCompletedSuccessfully && saves[i].Result).Select(t => t.Key));
            }

            if (saves.TrueForAll(save => save.Result))
            {
                return stem;
            }

            // "logo.png" is free but "logo.jpg" already made logo_thumbnail_64x64.jpg: next name.
            await deletes.DeleteAsync(written);
            written.Clear();
        }

        throw new InvalidOperationException($"No free file name for '{baseStem}' after {NameAttempts} attempts.");
    }

    // Beside a file in the store, a name is taken by a row, which may outlive its file, and by a
    // deleted image's original or thumbnails, which caches may still hold (RetiredFile). One query
    // asks both, on the upload's path.
    private Task<bool> TakenAsync(string directory, string stem, string original, CancellationToken ct)
    {
        List<string> names = [original, .. StoredName.ThumbnailBoxes.Select(box => StoredName.ThumbnailKey(directory, stem, box))];
        return db.Images.Where(i => i.File == original).Select(i => i.File)
            .Concat(db.RetiredFiles.Where(r => names.Contains(r.File)).Select(r => r.File))
            .AnyAsync(ct);
    }
}

internal enum MediaDeletion
{
    Deleted,
    NotFound,
    InUse,
}
