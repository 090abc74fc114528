using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace Portfolio.Api.Media.Storage;

internal sealed class LocalFileStore : IFileStore
{
    private const string TemporarySuffix = ".partial";

    // errno on Linux (IOException.HResult carries it there): no space left, quota exceeded; and
    // Windows' ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL.
    private const int NoSpace = 28, QuotaExceeded = 122;
    private const int HandleDiskFull = unchecked((int)0x80070027), DiskFull = unchecked((int)0x80070070);

    private readonly string _root;

    public LocalFileStore(IOptions<MediaOptions> options)
    {
        _root = Path.GetFullPath(options.Value.Root);
        Directory.CreateDirectory(_root);
    }

    public async Task<bool> SaveAsync(string key, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken ct)
    {
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;

        // A dot name keeps the half-written file out of what /media serves.
        var temporary = Path.Combine(folder, $".{Guid.NewGuid():N}{TemporarySuffix}");
        try
        {
            Directory.CreateDirectory(folder);
            if (!overwrite && File.Exists(path))
            {
                return false;
            }

            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await file.WriteAsync(content, ct);
                await file.FlushAsync(ct);
            }

            // Without overwrite, .NET moves with link + unlink on Unix: it fails if the name
            // appeared meanwhile instead of replacing it.
            File.Move(temporary, path, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            return false;
        }
        catch (IOException e) when (e.HResult is NoSpace or QuotaExceeded or HandleDiskFull or DiskFull)
        {
            throw new StorageFullException(e);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        Stream? stream = File.Exists(path)
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous)
            : null;
        return Task.FromResult(stream);
    }

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => Task.FromResult(File.Exists(PathOf(key)));

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<StoredFile> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var folder = PathOf(prefix);
        if (!Directory.Exists(folder))
        {
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            ct.ThrowIfCancellationRequested();
            var info = new FileInfo(path);
            yield return new StoredFile(Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/'), info.Length, info.LastWriteTimeUtc);
        }

        await Task.CompletedTask;
    }

    // A dot name, as for partial files: never served, and gone when closed.
    public Task<bool> IsReadyAsync(CancellationToken ct)
    {
        try
        {
            using var probe = new FileStream(Path.Combine(_root, $".ready-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return Task.FromResult(true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(false);
        }
    }

    // Keys come from this service, but a key is still never allowed to leave the root.
    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(_root, key));
        if (!path.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal) && path != _root)
        {
            throw new ArgumentException($"Storage key '{key}' points outside the media root.", nameof(key));
        }

        return path;
    }
}
