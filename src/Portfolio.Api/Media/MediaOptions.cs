namespace Portfolio.Api.Media;

public sealed class MediaOptions
{
    public string Storage { get; set; } = "Local";
    public string Root { get; set; } = "media";

    // A CDN or bucket address; when unset, file URLs are built from the request.
    public Uri? PublicBaseUrl { get; set; }
}
