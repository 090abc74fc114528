using System.Threading.Channels;

namespace Portfolio.Api.Media.Storage;

// Keys whose delete failed because the store was unreachable, retried until it answers: an upload
// cut off half-way by an outage leaves nothing once the store is back. The list lives in memory;
// files it loses to a restart are orphans that cleanup-media finds.
internal sealed class PendingDeletes(IFileStore store, ILogger<PendingDeletes> logger) : BackgroundService
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    private readonly Channel<string> _keys = Channel.CreateUnbounded<string>();

    // Deletes now what can be deleted; from the first failure on, the rest waits for the store to
    // come back rather than each paying the connect timeout again.
    public async Task DeleteAsync(IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            try
            {
                // Not the request's token: a cancelled upload must still remove its files.
                await store.DeleteAsync(keys[i], CancellationToken.None);
            }
            catch (StorageUnavailableException)
            {
                logger.LogWarning("Storage unavailable: {Count} files will be deleted when it is back", keys.Count - i);
                foreach (var key in keys.Skip(i))
                {
                    _keys.Writer.TryWrite(key);
                }

                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The rows are already right, so the request has not failed: cleanup-media reports it.
                logger.LogWarning(e, "Could not remove {File}; cleanup-media will report it.", keys[i]);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var key in _keys.Reader.ReadAllAsync(stoppingToken))
        {
            while (!await TryDeleteAsync(key, stoppingToken))
            {
                await Task.Delay(RetryEvery, stoppingToken);
            }
        }
    }

    private async Task<bool> TryDeleteAsync(string key, CancellationToken ct)
    {
        try
        {
            await store.DeleteAsync(key, ct);
            return true;
        }
        catch (StorageUnavailableException)
        {
            return false;
        }
    }
}
