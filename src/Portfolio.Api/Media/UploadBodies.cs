using Microsoft.Extensions.Options;

namespace Portfolio.Api.Media;

// Reads an upload's body into memory before the form is parsed. Given a seekable body, ASP.NET
// Core's form reader points the file at it in place; otherwise it spools every file part over
// 64 KB to a temporary file that the pipeline reads back, 10-15 ms of a 4 MB upload here. At most
// MaxConcurrentDecodes bodies of up to 8 MiB (a camera's JPEG) are held so; the others, larger
// ones (where spooling is a smaller share of the time, and holding them cost 100 MB more at 4
// concurrent 15 MB PNG uploads) and a body without Content-Length take the temporary file as
// before, so memory stays bounded however many uploads arrive.
internal sealed class UploadBodies(IOptions<MediaOptions> options) : IDisposable
{
    private const long MaxInMemory = 8 * 1024 * 1024;

    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDecodes);

    public async Task BufferAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is not { } length || length == 0 || length > MaxInMemory || !_slots.Wait(0, CancellationToken.None))
        {
            return;
        }

        request.HttpContext.Response.RegisterForDispose(new Slot(_slots));

        // Every byte is overwritten by the read: no need to clear 4 MB first.
        var body = GC.AllocateUninitializedArray<byte>((int)length);
        await request.Body.ReadExactlyAsync(body, ct);
        request.Body = new MemoryStream(body, writable: false);
    }

    public void Dispose() => _slots.Dispose();

    // Freed when the response has been sent, after the last reader of the form is done.
    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }
}
