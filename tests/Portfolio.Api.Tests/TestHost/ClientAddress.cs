using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Portfolio.Api.Tests.TestHost;

// The test server has no real peers: with this, a request's peer address comes from a header,
// set before anything in the service's pipeline (forwarded headers included) looks at it.
internal static class ClientAddress
{
    private const string Header = "X-Test-Client-Address";

    public static void TakeFromHeader(IWebHostBuilder builder) =>
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, FromHeader>());

    // A client whose requests come from `address`, as the service sees the connection.
    public static HttpClient ClientFrom(this ApiFactory api, string address)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class FromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
