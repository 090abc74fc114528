using Microsoft.AspNetCore.Http.Features;

namespace Portfolio.Api.Http;

// Django answers HEAD wherever it answers GET, with the same status and headers and no body;
// minimal APIs route HEAD nowhere (405). So a HEAD is served as the GET it asks about, and what
// the endpoint writes goes nowhere. The method is HEAD again before the response is finished, so
// that a 405 names it as DRF does. Media files are served before this, and answer HEAD themselves.
internal static class HeadRequests
{
    public static void UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use((context, next) => HttpMethods.IsHead(context.Request.Method) ? AsGetAsync(context, next) : next(context));

    private static async Task AsGetAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, body));
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
            context.Features.Set(body);
        }
    }
}
