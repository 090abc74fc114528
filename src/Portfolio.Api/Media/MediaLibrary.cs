using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Media.Storage;

namespace Portfolio.Api.Media;

// Keeps files and rows together: an image exists only when its original, its four thumbnails
// and its rows all do. Files are written first and removed again if anything after them fails
// (later, if the store itself is what failed).
internal sealed class MediaLibrary(AppDb db, IFileStore store, PendingDeletes deletes, TimeProvider clock)
{
    // A taken name is retried with a random suffix; eight tries at 62^7 each cannot all collide.
    private const int NameAttempts = 8;

    public async Task<MediaImage> AddAsync(ProcessedImage image, string fileName, string displayName, CancellationToken ct)
    {
        var now = Timestamps.UtcNow(clock);
        var directory = StoredName.Directory(now);
        var written = new List<string>();
        var committed = false;
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
            foreach (var (box, content) in image.Thumbnails)
            {
                row.Thumbnails.Add(new Thumbnail { BoxSize = box, File = StoredName.ThumbnailKey(directory, stem, box), Bytes = content.Length });
            }

            // One SaveChanges: the image and its thumbnails commit in one transaction.
            db.Images.Add(row);
            await db.SaveChangesAsync(ct);
            committed = true;
            return row;
        }
        finally
        {
            if (!committed)
            {
                await deletes.DeleteAsync(written);
            }
        }
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        var image = await db.Images.Include(i => i.Thumbnails).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (image is null)
        {
            return false;
        }

        // Rows first (employers' image_id becomes NULL in the database): a file left behind by a
        // crash here is an orphan that cleanup-media finds, never a row pointing at nothing.
        db.Images.Remove(image);
        await db.SaveChangesAsync(ct);
        await deletes.DeleteAsync([image.File, .. image.Thumbnails.Select(t => t.File)]);
        return true;
    }

    private async Task<string> WriteFilesAsync(ProcessedImage image, string directory, string baseStem, List<string> written, CancellationToken ct)
    {
        for (var attempt = 0; attempt < NameAttempts; attempt++)
        {
            var stem = attempt == 0 ? baseStem : StoredName.WithSuffix(baseStem);
            var original = StoredName.OriginalKey(directory, stem, image.Format);

            // A row may outlive its file; its name stays taken.
            if (await db.Images.AnyAsync(i => i.File == original, ct)
                || !await store.SaveAsync(original, image.Original, overwrite: false, ct))
            {
                continue;
            }

            written.Add(original);
            var allWritten = true;
            foreach (var (box, content) in image.Thumbnails)
            {
                var key = StoredName.ThumbnailKey(directory, stem, box);
                if (!await store.SaveAsync(key, content, overwrite: false, ct))
                {
                    allWritten = false;
                    break;
                }

                written.Add(key);
            }

            if (allWritten)
            {
                return stem;
            }

            // "logo.png" is free but "logo.jpg" already made logo_thumbnail_64x64.jpg: next name.
            await deletes.DeleteAsync(written);
            written.Clear();
        }

        throw new InvalidOperationException($"No free file name for '{baseStem}' after {NameAttempts} attempts.");
    }
}
