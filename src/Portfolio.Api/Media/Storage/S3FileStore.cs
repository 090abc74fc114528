using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Options;

namespace Portfolio.Api.Media.Storage;

// The same keys as on disk, as objects in one bucket. Clients fetch them from Media:PublicBaseUrl
// (the bucket or a CDN before it); this service never serves them.
internal sealed class S3FileStore : IFileStore, IDisposable
{
    // Immutable keys (a new upload gets a new name), as /media serves local files.
    private const string CacheControl = "public, max-age=31536000, immutable";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly ILogger<S3FileStore> _logger;

    public S3FileStore(IOptions<MediaOptions> options, ILogger<S3FileStore> logger)
    {
        var s3 = options.Value.S3;
        _bucket = s3.Bucket!;
        _logger = logger;
        _client = new AmazonS3Client(ClientConfig(s3));
    }

    public Task<bool> SaveAsync(string key, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken ct) => CallAsync(async () =>
    {
        var bytes = MemoryMarshal.TryGetArray(content, out var segment) ? segment : new ArraySegment<byte>(content.ToArray());
        using var body = new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false);
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = ImageFormat.ByExtension(Path.GetExtension(key))?.MimeType ?? "application/octet-stream",

            // S3's conditional write: the key is created only if no object has it, atomically.
            IfNoneMatch = overwrite ? null : "*",
        };
        request.Headers.CacheControl = CacheControl;
        try
        {
            await _client.PutObjectAsync(request, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (!overwrite && e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            // 409 is a racing conditional write to the same key: someone else is taking it.
            return false;
        }
    }, ct);

    public Task<Stream?> OpenAsync(string key, CancellationToken ct) => CallAsync<Stream?>(async () =>
    {
        try
        {
            var response = await _client.GetObjectAsync(_bucket, key, ct);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }, ct);

    public Task<bool> ExistsAsync(string key, CancellationToken ct) => CallAsync(async () =>
    {
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, key, ct);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }, ct);

    public Task DeleteAsync(string key, CancellationToken ct) => CallAsync(() => _client.DeleteObjectAsync(_bucket, key, ct), ct);

    public async IAsyncEnumerable<StoredFile> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = prefix.TrimEnd('/') + "/" };
        await using var objects = _client.Paginators.ListObjectsV2(request).S3Objects.GetAsyncEnumerator(ct);
        while (await CallAsync(async () => await objects.MoveNextAsync(), ct))
        {
            var o = objects.Current;
            yield return new StoredFile(o.Key, o.Size ?? 0, o.LastModified is { } modified ? new DateTimeOffset(modified.ToUniversalTime()) : DateTimeOffset.MinValue);
        }
    }

    // Listing one key proves the endpoint, the credentials and the bucket at once.
    public async Task<bool> IsReadyAsync(CancellationToken ct)
    {
        try
        {
            await CallAsync(() => _client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket, MaxKeys = 1 }, ct), ct);
            return true;
        }
        catch (Exception e) when (e is StorageUnavailableException or AmazonServiceException)
        {
            _logger.LogWarning(e, "S3 bucket {Bucket} is not ready", _bucket);
            return false;
        }
    }

    public void Dispose() => _client.Dispose();

    // Fail fast when the endpoint is down: a short connect timeout and one retry, so an upload
    // answers 503 in seconds instead of holding its request through the SDK's backoff.
    private static AmazonS3Config ClientConfig(S3StorageOptions s3)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = s3.ForcePathStyle,
            ConnectTimeout = ConnectTimeout,
            Timeout = s3.Timeout,
            MaxErrorRetry = 1,

            // S3-compatible stores differ in which of the newer checksum headers they accept;
            // signing covers the payload anyway.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (s3.ServiceUrl is { } serviceUrl)
        {
            config.ServiceURL = serviceUrl.ToString();
            config.AuthenticationRegion = s3.Region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(s3.Region);
        }

        return config;
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (IsUnreachable(e, ct))
        {
            throw new StorageUnavailableException(e);
        }
    }

    // The SDK reports a dead endpoint as HttpRequestException or SocketException (sometimes
    // wrapped in AmazonServiceException), and its own timeout as a cancellation nobody asked for.
    private static bool IsUnreachable(Exception e, CancellationToken ct) => e switch
    {
        OperationCanceledException => !ct.IsCancellationRequested,
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        AmazonServiceException { StatusCode: >= HttpStatusCode.InternalServerError } => true,
        AmazonServiceException { InnerException: { } inner } => IsUnreachable(inner, ct),
        _ => false,
    };
}
