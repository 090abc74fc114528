using System.ComponentModel.DataAnnotations;

namespace Portfolio.Api.Media;

public sealed class MediaOptions : IValidatableObject
{
    public const long DefaultMaxUploadBytes = 20 * 1024 * 1024;

    [Required]
    public string Storage { get; set; } = "Local";

    [Required]
    public string Root { get; set; } = "media";

    // A CDN or bucket address; when unset, file URLs are built from the request.
    public Uri? PublicBaseUrl { get; set; }

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

    public IReadOnlyList<ImageFormat> Accepted =>
        AcceptedFormats is { Length: > 0 } names ? [.. names.Select(n => ImageFormat.ByName(n)!)] : ImageFormat.All;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.Equals(Storage, "Local", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult($"Media:Storage '{Storage}' is not supported by this build; use Local.", [nameof(Storage)]);
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
