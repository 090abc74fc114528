using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class ConsoleAssetsTests
{
    [Fact]
    public async Task A_service_started_from_another_folder_serves_the_consoles_stylesheet_script_and_font()
    {
        // The process runs in a temporary folder: nothing of the source tree is beside it.
        await using var service = await ServiceProcess.StartAsync();
        using var http = new HttpClient();

        foreach (var (path, type) in new[] { ("console.css", "text/css"), ("console.js", "text/javascript"), ("fonts/Vazirmatn.woff2", "font/woff2") })
        {
            var response = await http.GetAsync($"{service.BaseUrl}/admin/assets/{path}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 500, path);
            Assert.Equal("public, max-age=86400", response.Headers.CacheControl!.ToString());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"{service.BaseUrl}/admin/assets/Portfolio.Api.dll")).StatusCode);
    }
}
