using System.Net;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Http;

// As DRF orders it: authentication and permissions first, then OPTIONS answers 200 with the view's
// description and a method the view lacks answers 405; both carry Allow in Django's order.
public sealed class OtherMethodsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Employers = "/api/portfolios/employers";

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

    [Theory]
    [InlineData(Employers, "GET, POST, HEAD, OPTIONS")]
    [InlineData(Employers + "/1", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")]
    [InlineData(Employers + "/1/", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")]
    public async Task Options_answers_200_with_allow_and_the_views_description(string path, string allow)
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        var response = await SendAsync(client, "OPTIONS", path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.String, body.RootElement.GetProperty("description").ValueKind);
        Assert.Equal(["application/json"], body.RootElement.GetProperty("renders").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("application/json", body.RootElement.GetProperty("parses").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Options_on_the_upload_says_it_parses_multipart()
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        var response = await SendAsync(client, "OPTIONS", "/api/core/media");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("multipart/form-data", body.RootElement.GetProperty("parses").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("OPTIONS", Employers)]
    [InlineData("DELETE", Employers)]
    [InlineData("POST", Employers + "/1")]
    [InlineData("PUT", "/api/users/1")]
    public async Task Anonymous_is_401_before_the_method_is_looked_at(string method, string path)
    {
        var response = await SendAsync(api.CreateClient(), method, path);

        await Drf.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "Authentication credentials were not provided.");
    }

    [Fact]
    public async Task Staff_without_4222_is_403_before_the_method_is_looked_at()
    {
        var client = await api.ClientForAsync(Role.Staff);

        var response = await SendAsync(client, "DELETE", Employers);

        await Drf.AssertErrorAsync(response, HttpStatusCode.Forbidden, "You do not have permission to perform this action.");
    }

    [Theory]
    [InlineData("DELETE", Employers, "GET, POST, HEAD, OPTIONS")]
    [InlineData("POST", Employers + "/1", "GET, PUT, PATCH, DELETE, HEAD, OPTIONS")]
    [InlineData("TRACE", Employers, "GET, POST, HEAD, OPTIONS")]
    public async Task An_allowed_user_gets_405_with_allow(string method, string path, string allow)
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        var response = await SendAsync(client, method, path);

        await Drf.AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, $"Method \"{method}\" not allowed.");
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task The_login_endpoint_is_open_so_a_wrong_method_there_is_405_at_once()
    {
        var response = await SendAsync(api.CreateClient(), "GET", "/api/auth/token");

        await Drf.AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "Method \"GET\" not allowed.");
        Assert.Equal("POST, DELETE, OPTIONS", string.Join(", ", response.Content.Headers.Allow));
    }
}
