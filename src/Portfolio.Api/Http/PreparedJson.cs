using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace Portfolio.Api.Http;

// A 200 answer serialized once and written as it is each time: for a hot answer that is
// remembered (the employer page), so that a hit costs a copy of bytes instead of building the
// representation and serializing it again. Its ETag is a hash of those bytes, so it changes when
// the body does and at no other time. It reads to OpenAPI as Ok<T> does.
internal sealed class PreparedJson<T> : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    private const string ContentType = "application/json; charset=utf-8";

    private readonly byte[] _utf8;

    public PreparedJson(T value, JsonTypeInfo<T> typeInfo)
    {
        _utf8 = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(_utf8, hash);
        ETag = $"W/\"{Convert.ToHexStringLower(hash[..12])}\"";
    }

    // Weak, as the tags of lists are: the same body may one day be written with other bytes.
    public string ETag { get; }

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.ContentLength = _utf8.Length;
        return response.BodyWriter.WriteAsync(_utf8, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
