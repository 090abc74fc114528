using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

// Found by the fuzzer: a host that makes no URI (the port 99999) failed every console page with
// a 500, as Blazor built the page's base URI of it. (Forwarded ones: ForwardedHeadersTests.)
public sealed class ConsoleHostTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_host_that_makes_no_URI_gets_a_400_console_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/signin");
        request.Headers.TryAddWithoutValidation("Host", "localhost:99999");

        var response = await api.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_host_with_a_real_port_still_gets_the_page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/signin");
        request.Headers.Host = "localhost:8443";

        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().SendAsync(request)).StatusCode);
    }
}
