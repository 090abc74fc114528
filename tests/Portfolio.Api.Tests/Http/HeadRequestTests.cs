using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Http;

// HEAD answers as GET does, without the body, as Django answers it for every view with a GET.
public sealed class HeadRequestTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Head_answers_a_gets_status_and_headers_without_its_body()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var employer = await Seed.EmployerAsync(api, $"head {Guid.NewGuid():N}");
        var path = $"/api/portfolios/employers/{employer.Id}";

        var get = await client.GetAsync(path);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/portfolios/employers?search=head"))).StatusCode);
    }

    [Fact]
    public async Task Head_is_authenticated_as_get_is_and_405_where_there_is_no_get()
    {
        var anonymous = await api.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/auth/me"));
        var noGet = await api.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/auth/token"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Token", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, noGet.StatusCode);
    }

    // Through Kestrel: a HEAD's answer must end at its headers, or the next answer on the same
    // connection would be read wrong.
    [Fact]
    public async Task Head_then_get_on_one_kestrel_connection_both_answer()
    {
        await using var service = await ServiceProcess.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 });
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Token {await service.AdminTokenAsync()}");

        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"{service.BaseUrl}/api/auth/me"));
        var get = await http.GetAsync($"{service.BaseUrl}/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("\"is_superuser\":true", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
