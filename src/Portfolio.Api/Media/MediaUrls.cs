using System.Text;
using Microsoft.Extensions.Options;

namespace Portfolio.Api.Media;

// Builds the absolute `f` URLs: from Media:PublicBaseUrl when set, else from the request's
// scheme and host (which forwarded headers set only for trusted proxies).
public sealed class MediaUrls(IOptions<MediaOptions> options)
{
    private readonly string? _publicBase = options.Value.PublicBaseUrl?.ToString().TrimEnd('/');

    public string BaseFor(HttpRequest request) =>
        _publicBase ?? $"{request.Scheme}://{request.Host.ToUriComponent()}/media";

    public static string Build(string baseUrl, string storageKey)
    {
        var url = new StringBuilder(baseUrl.Length + storageKey.Length + 16).Append(baseUrl);
        foreach (var segment in storageKey.Split('/'))
        {
            url.Append('/').Append(Uri.EscapeDataString(segment));
        }

        return url.ToString();
    }
}
