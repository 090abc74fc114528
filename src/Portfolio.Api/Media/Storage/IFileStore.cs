namespace Portfolio.Api.Media.Storage;

// Where media files live, addressed by keys relative to the media root
// ("core_media/2026/01/13/technology.png"): a local folder or an S3 bucket (Media:Storage).
// Any call may throw StorageUnavailableException when the store cannot be reached, and SaveAsync
// StorageFullException when it has no room.
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

    // For /readyz: one cheap call that proves files can be written and read now.
    Task<bool> IsReadyAsync(CancellationToken ct);
}

public sealed record StoredFile(string Key, long Size, DateTimeOffset LastModified);

// The store did not answer (refused, reset, timed out, or a 5xx from the service): the request
// answers 503, not 500, because trying again later may succeed.
public sealed class StorageUnavailableException(Exception inner) : Exception(Detail, inner)
{
    public const string Detail = "The file storage is unavailable.";
}

// No room for the file (a full disk or quota): the request answers 507, and nothing of the file
// stays behind. Deleting files, or more room, makes the same request succeed.
public sealed class StorageFullException(Exception inner) : Exception(Detail, inner)
{
    public const string Detail = "The file storage is full.";
}
