using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Portfolio.Api.Data;
using Portfolio.Api.Media;

namespace Portfolio.Api.Employers;

// Conditional GET for employer answers. They are made only of rows that the data generation
// covers (design.md), so a tag built from the generation changes whenever the answer could:
// a match is answered 304 before the handler reads anything. Beside the generation the tag
// holds what else the body depends on: the build (a new version may write the same rows
// differently) and the base URLs (file links and next/previous are absolute). The tag is weak:
// a body read just after a commit carries the generation read just before it.
internal sealed class EmployerETags(CurrentGeneration generation, MediaUrls urls) : IEndpointFilter
{
    private static readonly string Build = typeof(EmployerETags).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var tag = Tag(await generation.GetAsync(http.RequestAborted), http.Request);
        var condition = Condition(http.Request, tag);
        if (condition == Match.Tag)
        {
            return NotModified(http.Response, tag);
        }

        var result = await next(context);
        if ((result is INestedHttpResult nested ? nested.Result : result) is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
        {
            return result;
        }

        // "*" matches only a representation that exists, which the handler has just found.
        return condition == Match.Any ? NotModified(http.Response, tag) : WithTag(http.Response, tag, result);
    }

    private static StatusCodeHttpResult NotModified(HttpResponse response, string tag)
    {
        response.Headers.ETag = tag;
        return TypedResults.StatusCode(StatusCodes.Status304NotModified);
    }

    private static object? WithTag(HttpResponse response, string tag, object? result)
    {
        response.Headers.ETag = tag;
        return result;
    }

    private string Tag(long current, HttpRequest request)
    {
        var inputs = $"{Build}|{urls.BaseFor(request)}|{request.Scheme}://{request.Host}{request.PathBase}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(inputs), hash);
        return $"W/\"{current}-{Convert.ToHexStringLower(hash[..8])}\"";
    }

    // If-None-Match compares weakly; "*" matches any current representation.
    private static Match Condition(HttpRequest request, string tag)
    {
        var header = request.Headers.IfNoneMatch;
        if (header.Count == 0 || !EntityTagHeaderValue.TryParseList(header, out var candidates))
        {
            return Match.None;
        }

        var ours = EntityTagHeaderValue.Parse(tag);
        return candidates.Any(c => c.Compare(ours, useStrongComparison: false)) ? Match.Tag
            : candidates.Any(c => c.Equals(EntityTagHeaderValue.Any)) ? Match.Any
            : Match.None;
    }

    private enum Match
    {
        None,
        Tag,
        Any,
    }
}
