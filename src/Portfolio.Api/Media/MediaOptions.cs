using System.ComponentModel.DataAnnotations;
using Portfolio.Api.Media.Storage;

namespace Portfolio.Api.Media;

public sealed class MediaOptions : IValidatableObject
{
    public const long DefaultMaxUploadBytes = 20 * 1024 * 1024;
    public const string LocalStorage = "Local";
    public const string S3Storage = "S3";

    [Required]
    public string Storage { get; set; } = LocalStorage;

    [Required]
    public string Root { get; set; } = "media";

    // A CDN or bucket address; when unset, file URLs are built from the request.
    public Uri? PublicBaseUrl { get; set; }

    public S3StorageOptions S3 { get; set; } = new();

    // cleanup-media leaves unreferenced files younger than this alone: an upload writes its files
    // a moment before its rows.
    public TimeSpan OrphanMinimumAge { get; set; } = TimeSpan.FromHours(1);

    [Range(1, 1L << 31)]
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    // Pillow warns at 89 million; imgproxy's default is 50 million, about 150 MB of RGB pixels.
    [Range(1, 1_000_000_000)]
    public long MaxPixels { get; set; } = 50_000_000;

    // Each decode holds up to a few hundred MB on a hostile file; this bounds how many run at once.
    [Range(1, 256)]
    public int MaxConcurrentDecodes { get; set; } = Environment.ProcessorCount;

    [Range(1, 100)]
    public int ThumbnailQuality { get; set; } = 85;

    // Format names (jpeg, png, gif, webp); unset means all four.
    public string[]? AcceptedFormats { get; set; }

    public bool IsS3 => string.Equals(Storage, S3Storage, StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<ImageFormat> Accepted =>
        AcceptedFormats is { Length: > 0 } names ? [.. names.Select(n => ImageFormat.ByName(n)!)] : ImageFormat.All;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsS3 && !string.Equals(Storage, LocalStorage, StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Media:Storage '{Storage}' is not supported; use {LocalStorage} or {S3Storage}.", [nameof(Storage)]);
        }

        if (PublicBaseUrl is { IsAbsoluteUri: false } or { Scheme: not ("http" or "https") })
        {
            yield return new ValidationResult("Media:PublicBaseUrl must be an absolute http(s) URL.", [nameof(PublicBaseUrl)]);
        }

        // With S3 this service serves no /media: clients can reach the files only through a public base.
        if (IsS3 && PublicBaseUrl is null)
        {
            yield return new ValidationResult("Media:PublicBaseUrl is required with Media:Storage S3.", [nameof(PublicBaseUrl)]);
        }

        if (IsS3 && string.IsNullOrWhiteSpace(S3.Bucket))
        {
            yield return new ValidationResult("Media:S3:Bucket is required with Media:Storage S3.", [nameof(S3)]);
        }

        if (S3.Timeout <= TimeSpan.Zero || OrphanMinimumAge < TimeSpan.Zero)
        {
            yield return new ValidationResult("Media:S3:Timeout must be positive and Media:OrphanMinimumAge not negative.", [nameof(S3), nameof(OrphanMinimumAge)]);
        }

        foreach (var name in AcceptedFormats ?? [])
        {
            if (ImageFormat.ByName(name) is null)
            {
                yield return new ValidationResult(
                    $"Media:AcceptedFormats has '{name}'; known formats are {string.Join(", ", ImageFormat.All.Select(f => f.Name))}.",
                    [nameof(AcceptedFormats)]);
            }
        }
    }
}
