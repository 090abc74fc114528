namespace Portfolio.Api.Media.Storage;

// Where media files live, addressed by keys relative to the media root
// ("core_media/2026/01/13/technology.png"). Local disk now; an object store fits the same shape.
public interface IFileStore
{
    // Writes the whole content or nothing: readers never see a partial file. With overwrite false
    // it returns false, writing nothing, when the key is taken, so racing writers never clobber.
    Task<bool> SaveAsync(string key, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken ct);

    Task<Stream?> OpenAsync(string key, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);

    // Deleting a missing key is not an error.
    Task DeleteAsync(string key, CancellationToken ct);

    IAsyncEnumerable<StoredFile> ListAsync(string prefix, CancellationToken ct);
}

public sealed record StoredFile(string Key, long Size, DateTimeOffset LastModified);
