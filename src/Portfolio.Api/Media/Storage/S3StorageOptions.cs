namespace Portfolio.Api.Media.Storage;

// Configuration section "Media:S3". Credentials are not here: the SDK reads AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY (or a profile or an instance role) itself.
public sealed class S3StorageOptions
{
    public string? Bucket { get; set; }

    // An S3-compatible endpoint (MinIO, Ceph, moto); unset means AWS itself in Region.
    public Uri? ServiceUrl { get; set; }

    public string Region { get; set; } = "us-east-1";

    // Path style (endpoint/bucket/key) for endpoints without per-bucket host names.
    public bool ForcePathStyle { get; set; }

    // Per request: a 20 MiB original must fit in it on the slowest link to the store.
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
