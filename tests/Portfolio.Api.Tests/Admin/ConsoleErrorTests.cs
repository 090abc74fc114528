using System.Net;
using System.Net.Http.Headers;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed class ConsoleErrorTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 5";

    // Found by the fuzzer: Blazor's binding of an int? query value failed the page with a 500.
    [Theory]
    [InlineData("/admin/employers?page=%3F")]
    [InlineData("/admin/employers?page=99999999999")]
    [InlineData("/admin/media?unused=yes&page=last&deleted=x")]
    [InlineData("/admin/history?page=2026-13-45")]
    [InlineData("/admin/users?page=-")]
    [InlineData("/admin/account?revoked=all")]
    public async Task A_page_number_or_notice_flag_that_is_not_a_number_counts_as_absent(string path)
    {
        var (browser, _) = await ConsoleBrowser.SignedInAsync(api, Role.Admin, Password);

        var page = await browser.PageAsync(path);

        Assert.DoesNotContain("class=\"notice\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_with_broken_multipart_framing_gets_a_console_page_with_its_request_id_and_no_trace()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var browser = new ConsoleBrowser(api, "en");
        await browser.SignInAsync(user.Username, Password);
        var broken = new ByteArrayContent("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.png\"\r\n\r\nunterminated"u8.ToArray());
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");

        var response = await browser.Client.PostAsync("/admin/employers/new", broken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.NotNull(response.Headers.GetValues("Content-Security-Policy").Single());
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("The request could not be read", page, StringComparison.Ordinal);
        Assert.Matches("<code class=\"request-id\">[^<]+</code>", page);
        Assert.DoesNotContain("Exception", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", page, StringComparison.Ordinal);
    }
}
