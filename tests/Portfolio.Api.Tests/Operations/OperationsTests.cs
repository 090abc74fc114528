using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Operations;

public sealed class OperationsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Healthz_answers_without_authentication()
    {
        var response = await api.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_answers_when_the_database_is_reachable()
    {
        var response = await api.CreateClient().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/nowhere")]
    [InlineData("/api/portfolios")]
    [InlineData("/api/portfolios/employers/1/extra")]
    public async Task Unknown_routes_answer_the_DRF_404_body(string path)
    {
        var client = await api.ClientForAsync(Role.Admin);

        await Drf.AssertErrorAsync(await client.GetAsync(path), HttpStatusCode.NotFound, "Not found.");
    }

    [Fact]
    public async Task A_wrong_method_answers_the_DRF_405_body()
    {
        var response = await api.CreateClient().PutAsync("/healthz", null);

        await Drf.AssertErrorAsync(response, HttpStatusCode.MethodNotAllowed, "Method \"PUT\" not allowed.");
        Assert.Contains("GET", response.Content.Headers.Allow);
    }
}

// A fault the code does not expect: the table is gone. The client sees DRF's 500 body, never the trace.
public sealed class ServerErrorTests : IDisposable
{
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task An_unhandled_fault_answers_the_DRF_500_body_without_a_trace()
    {
        var client = await _api.ClientForAsync(Role.Admin);
        await _api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TABLE employers"));

        var response = await client.GetAsync("/api/portfolios/employers/1");

        await Drf.AssertErrorAsync(response, HttpStatusCode.InternalServerError, "A server error occurred.");
    }

    public void Dispose() => _api.Dispose();
}
