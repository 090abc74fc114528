using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Portfolio.Api.Employers;

// Conditional GET for employer answers. An employer's own answer is tagged with a hash of its
// body (PreparedJson), so its tag changes when that employer or its image does and at no other
// time. A list's tag is built from the data generation, which every change raises (design.md), so
// a match is answered 304 before anything is read; beside the generation it holds what else the
// body depends on: the build (a new version may write the same rows differently) and the base
// URLs (file links and next/previous are absolute). That tag is weak: a body read just after a
// commit carries the generation read just before it.
internal readonly record struct EmployerETag(string Value, bool MatchesTag, bool MatchesAny)
{
    private static readonly string Build = typeof(EmployerETag).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    // Lists are a hot path too: the hash of the base URLs is remembered for the last request's.
    private static Fingerprint? _last;

    public static EmployerETag ForList(long generation, HttpRequest request, string mediaBaseUrl) =>
        Matching($"W/\"{generation}-{FingerprintOf(request, mediaBaseUrl)}\"", request);

    public static EmployerETag Matching(string value, HttpRequest request)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var candidates))
        {
            return new(value, false, false);
        }

        // If-None-Match compares weakly; "*" matches any representation that exists.
        var ours = EntityTagHeaderValue.Parse(value);
        return new(value, candidates.Any(c => c.Compare(ours, useStrongComparison: false)), candidates.Any(c => c.Equals(EntityTagHeaderValue.Any)));
    }

    public StatusCodeHttpResult NotModified(HttpResponse response)
    {
        response.Headers.ETag = Value;
        return TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    private static string FingerprintOf(HttpRequest request, string mediaBaseUrl)
    {
        var host = request.Host.Value ?? "";
        var pathBase = request.PathBase.Value ?? "";
        if (_last is { } last && last.Matches(mediaBaseUrl, request.Scheme, host, pathBase))
        {
            return last.Value;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{Build}|{mediaBaseUrl}|{request.Scheme}://{host}{pathBase}"), hash);
        var fingerprint = new Fingerprint(mediaBaseUrl, request.Scheme, host, pathBase, Convert.ToHexStringLower(hash[..8]));
        _last = fingerprint;
        return fingerprint.Value;
    }

    private sealed record Fingerprint(string MediaBaseUrl, string Scheme, string Host, string PathBase, string Value)
    {
        public bool Matches(string mediaBaseUrl, string scheme, string host, string pathBase) =>
            MediaBaseUrl == mediaBaseUrl && Scheme == scheme && Host == host && PathBase == pathBase;
    }
}
