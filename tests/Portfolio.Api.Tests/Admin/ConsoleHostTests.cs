using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

// Found by the fuzzer: a host that makes no URI (the port 99999) failed every console page with
// a 500, as Blazor built the page's base URI of it. (Forwarded ones: ForwardedHeadersTests.)
public sealed class ConsoleHostTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("localhost:99999", HttpStatusCode.BadRequest)]
    [InlineData("localhost:8443", HttpStatusCode.OK)]
    public async Task A_host_that_makes_no_URI_gets_a_400_console_page_and_a_real_port_the_page(string host, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/signin");
        request.Headers.TryAddWithoutValidation("Host", host);

        var response = await api.CreateClient().SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }
}
