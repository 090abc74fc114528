using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Portfolio.Api.Tests.Accounts;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Http;

// X-Forwarded-For/Proto/Host count only from the proxies in ForwardedHeaders:KnownProxies and
// KnownNetworks. (With none configured they never count: RetrieveEmployerTests.)
public sealed class ForwardedHeadersTests(ForwardedHeadersTests.Factory api) : IClassFixture<ForwardedHeadersTests.Factory>
{
    internal const string Proxy = "10.9.0.1";
    private const string ProxyInNetwork = "10.8.3.4";
    private const string Password = "forwarded passphrase";

    [Theory]
    [InlineData(Proxy)]
    [InlineData(ProxyInNetwork)]
    public async Task A_trusted_proxys_scheme_and_host_make_the_file_urls(string proxy)
    {
        var employer = await Seed.PageEmployerAsync(api);

        var f = await ImageUrlAsync(employer.Id, proxy);

        Assert.Equal($"https://portfolio.example/media/{employer.Image!.File}", f);
    }

    [Fact]
    public async Task Forwarded_headers_from_any_other_client_are_ignored()
    {
        var employer = await Seed.PageEmployerAsync(api);

        var f = await ImageUrlAsync(employer.Id, "10.7.0.1");

        Assert.Equal($"http://localhost/media/{employer.Image!.File}", f);
    }

    // Found by the fuzzer: the framework's middleware threw on such a host (its IDN mapping
    // refuses it) before any error handler ran, a 500 with no body.
    // Found by the fuzzer too: such a scheme or port failed every console page with a 500, as
    // Blazor built the page's base URI of it.
    [Theory]
    [InlineData("X-Forwarded-Host", ".5wvcg$R", "Invalid X-Forwarded-Host header.")]
    [InlineData("X-Forwarded-Host", "portfolio.example:99999", "Invalid X-Forwarded-Host header.")]
    [InlineData("X-Forwarded-Proto", "--<script>", "Invalid X-Forwarded-Proto header.")]
    public async Task A_forwarded_scheme_or_host_that_makes_no_URI_is_a_400(string header, string value, string detail)
    {
        var client = api.ClientFrom(Proxy);
        client.DefaultRequestHeaders.TryAddWithoutValidation(header, value);

        await Drf.AssertErrorAsync(await client.GetAsync("/admin/signin"), HttpStatusCode.BadRequest, detail);
        await Drf.AssertErrorAsync(await client.GetAsync("/healthz"), HttpStatusCode.BadRequest, detail);
    }

    // Behind the proxy every login comes from its address: the throttle must count the client
    // the proxy names, or one guesser would lock out everyone behind it.
    [Fact]
    public async Task The_login_throttle_counts_the_client_that_a_trusted_proxy_names()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);

        for (var i = 0; i < Factory.AddressPermitLimit; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await LoginAsync("203.0.113.7", $"nobody-{i}-{Guid.NewGuid():N}", "a guess")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync("203.0.113.7", user.Username, Password)).StatusCode);
        await Login.KeyFromAsync(await LoginAsync("203.0.113.8", user.Username, Password));
    }

    private Task<HttpResponseMessage> LoginAsync(string client, string username, string password)
    {
        var http = api.ClientFrom(Proxy);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client);
        return http.PostAsync("/api/auth/token", Drf.Json(Login.Body(username, password)));
    }

    private async Task<string?> ImageUrlAsync(long employerId, string from)
    {
        var client = api.ClientFrom(from);
        client.DefaultRequestHeaders.Authorization = new("Token", (await api.CreateUserAsync(Role.Admin)).Token);
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "portfolio.example");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/portfolios/employers/{employerId}"));
        return json.RootElement.GetProperty("image_data").GetProperty("f").GetString();
    }

    // Local storage: with a public base URL (S3) file URLs never come from the request.
    public sealed class Factory : LocalApiFactory
    {
        public const int AddressPermitLimit = 3;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = Proxy,
            ["ForwardedHeaders:KnownNetworks:0"] = "10.8.0.0/16",
            ["Accounts:LoginThrottle:AddressPermitLimit"] = "3",
            ["Accounts:LoginThrottle:Window"] = "00:05:00",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            ClientAddress.TakeFromHeader(builder);
        }
    }
}
