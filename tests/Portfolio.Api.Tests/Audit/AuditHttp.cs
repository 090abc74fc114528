using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Api.Audit;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Audit;

// Reading the trail as an admin does, and checking its chain as verify-audit does.
internal static class AuditHttp
{
    public const string TrailUrl = "/api/audit";

    public static string HistoryUrl(long employerId) => $"/api/portfolios/employers/{employerId.ToString(CultureInfo.InvariantCulture)}/history";

    // Every entry the query selects, newest first, read page by page.
    public static async Task<List<JsonElement>> EntriesAsync(HttpClient admin, string query)
    {
        var entries = new List<JsonElement>();
        var next = $"{TrailUrl}?page_size=100&{query}";
        while (next is not null)
        {
            var page = await PageAsync(admin, next);
            entries.AddRange(page.GetProperty("results").EnumerateArray());
            next = page.GetProperty("next").GetString();
        }

        return entries;
    }

    public static async Task<JsonElement> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<List<JsonElement>> HistoryAsync(HttpClient client, long employerId) =>
        [.. (await PageAsync(client, HistoryUrl(employerId) + "?page_size=100")).GetProperty("results").EnumerateArray()];

    public static string Action(JsonElement entry) => entry.GetProperty("action").GetString()!;

    public static string Changes(JsonElement entry) => entry.GetProperty("changes").GetRawText();

    public static Task<AuditVerdict> VerifyAsync(ApiFactory api) => WithMaintenanceAsync(api, m => m.VerifyAsync(CancellationToken.None));

    public static async Task<T> WithMaintenanceAsync<T>(ApiFactory api, Func<AuditMaintenance, Task<T>> work)
    {
        await using var scope = api.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AuditMaintenance>());
    }

    public static Task<long> HeadAsync(ApiFactory api) => api.WithDbAsync(async db => (await db.AuditChain.FindAsync(AuditChainEnds.RowId))!.HeadId);
}

// A service whose requests can come from a chosen client address (X-Test-Client-Address).
public sealed class AddressedApiFactory : ApiFactory
{
    public AddressedApiFactory()
    {
    }

    private AddressedApiFactory(ApiFactory sameDataAs)
        : base(sameDataAs)
    {
    }

    public override ApiFactory SecondInstance() => new AddressedApiFactory(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        ClientAddress.TakeFromHeader(builder);
    }
}
