using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Portfolio.Api.Media;

// /media/... from local storage through the framework's static files, which answer ETag,
// If-None-Match, Last-Modified, HEAD and Range themselves. Only the four stored image types are
// served, never a listing or a dot file; anything else falls through to DRF's 404.
internal static class MediaServing
{
    public const string RequestPath = "/media";

    public static void UseMediaFiles(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MediaOptions>>().Value;
        var root = Path.GetFullPath(options.Root);
        Directory.CreateDirectory(root);

        var types = new FileExtensionContentTypeProvider(ImageFormat.All.ToDictionary(f => "." + f.Extension, f => f.MimeType, StringComparer.OrdinalIgnoreCase));
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = RequestPath,
            FileProvider = new PhysicalFileProvider(root),
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = context => AddHeaders(context.Context.Response, context.File.Name),
        });
    }

    // Stored names never change content (a new upload gets a new key), so caches may keep them.
    private static void AddHeaders(HttpResponse response, string fileName)
    {
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "public, max-age=31536000, immutable";
        headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var disposition = new ContentDispositionHeaderValue("inline");
        disposition.SetHttpFileName(fileName);
        headers.ContentDisposition = disposition.ToString();
    }
}
