using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.FileProviders;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Primitives;

namespace Portfolio.Api.Http;

// DRF answers every method on a view's URL after authentication and permissions: OPTIONS with 200,
// a description of the view and `Allow`; a method the view lacks with 405 and `Allow`. Routing alone
// answers both with 405, before authentication. So each API route gets one more endpoint, for any
// method, ordered after the route's own so that it is chosen only when none of them matches, and
// holding the route's authorization, so that the authorization middleware answers 401 or 403 first.
internal static class MethodFallbacks
{
    private const string ApiPrefix = "/api/";

    // The order of Django's View.http_method_names, which DRF's Allow follows.
    private static readonly string[] DrfOrder = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    // Call after every Map: the fallbacks are made from the endpoints mapped before.
    public static void MapMethodFallbacks(this IEndpointRouteBuilder app) =>
        app.DataSources.Add(new FallbackSource([.. app.DataSources]));

    public static string MethodNotAllowed(string method) => $"Method \"{method}\" not allowed.";

    private static RouteEndpoint FallbackFor(RoutePattern pattern, IReadOnlyList<RouteEndpoint> endpoints)
    {
        var methods = endpoints.SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var allowed = DrfOrder.Where(methods.Contains).ToList();
        if (methods.Contains(HttpMethods.Get))
        {
            allowed.Add(HttpMethods.Head);
        }

        allowed.Add(HttpMethods.Options);
        var allow = string.Join(", ", allowed);

        var main = endpoints.FirstOrDefault(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Contains(HttpMethods.Get)) ?? endpoints[0];
        var description = JsonSerializer.SerializeToUtf8Bytes(
            new ViewDescription(
                ViewName(main.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? main.DisplayName ?? ""),
                main.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? "",
                ["application/json"],
                [.. endpoints.SelectMany(e => e.Metadata.GetOrderedMetadata<BodyContentType>()).Select(b => b.ContentType).DefaultIfEmpty("application/json").Distinct()]),
            AppJsonContext.Web.ViewDescription);

        // The route's own authorization, nothing else: a name or an OpenAPI entry must stay unique.
        var metadata = main.Metadata
            .Where(m => m is IAuthorizeData or IAllowAnonymous or AuthorizationPolicy or IAuthorizationRequirementData)
            .Append(new ExcludeFromDescriptionAttribute());
        return new RouteEndpoint(
            http => AnswerAsync(http, allow, description),
            pattern,
            order: main.Order + 1,
            new EndpointMetadataCollection(metadata),
            $"Other methods of {pattern.RawText}");
    }

    private static Task AnswerAsync(HttpContext http, string allow, byte[] description)
    {
        http.Response.Headers.Allow = allow;
        if (!HttpMethods.IsOptions(http.Request.Method))
        {
            return DrfErrors.WriteAsync(http, StatusCodes.Status405MethodNotAllowed, MethodNotAllowed(http.Request.Method));
        }

        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = description.Length;
        return http.Response.Body.WriteAsync(description, http.RequestAborted).AsTask();
    }

    // DRF names a view from its class: "ListPortfolioEmployers" reads "List Portfolio Employers".
    private static string ViewName(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]) ? $" {c}" : c.ToString()));

    private sealed class FallbackSource(IReadOnlyList<EndpointDataSource> mapped) : EndpointDataSource
    {
        private IReadOnlyList<Endpoint>? _endpoints;

        public override IReadOnlyList<Endpoint> Endpoints => _endpoints ??= mapped
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith(ApiPrefix, StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .GroupBy(e => e.RoutePattern.RawText!, StringComparer.Ordinal)
            .Select(route => (Endpoint)FallbackFor(route.First().RoutePattern, [.. route]))
            .ToList();

        public override IChangeToken GetChangeToken() => NullChangeToken.Singleton;
    }
}

// Marks what a handler reads its body as, for OPTIONS' "parses".
internal sealed record BodyContentType(string ContentType);

// DRF's SimpleMetadata answer to OPTIONS, without "actions".
internal sealed record ViewDescription(string Name, string Description, string[] Renders, string[] Parses);
