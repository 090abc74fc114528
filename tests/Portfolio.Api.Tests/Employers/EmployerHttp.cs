using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Employers;

// Requests to /api/portfolios/employers as staff holding 4222, and the stored rows to compare
// before and after a refused write.
internal static class EmployerHttp
{
    public const string Url = "/api/portfolios/employers";

    // A name no other test uses; Latin letters and digits only, so normalisation leaves it alone.
    public static string Unique(string prefix = "employer") => $"{prefix} {Guid.NewGuid():N}";

    public static Task<HttpClient> StaffAsync(ApiFactory api) => api.ClientForAsync(Role.Staff4222);

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string json) => client.PostAsync(Url, Drf.Json(json));

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, long id, string json) => client.PutAsync($"{Url}/{id}", Drf.Json(json));

    public static Task<HttpResponseMessage> PatchAsync(HttpClient client, long id, string json) => client.PatchAsync($"{Url}/{id}", Drf.Json(json));

    public static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, long id, string json) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{Url}/{id}") { Content = Drf.Json(json) });

    public static string Body(object fields) => JsonSerializer.Serialize(fields);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    // Creates through the API and answers the representation.
    public static async Task<JsonElement> CreateAsync(HttpClient client, string name, string? description = null, long? image = null) =>
        await ReadAsync(await PostAsync(client, Body(new { name, description, image })), HttpStatusCode.Created);

    public static async Task<JsonElement> RetrieveAsync(HttpClient client, long id) =>
        await ReadAsync(await client.GetAsync($"{Url}/{id}"), HttpStatusCode.OK);

    public static long Id(JsonElement employer) => employer.GetProperty("id").GetInt64();

    // Every stored column of one employer, or "absent".
    public static Task<string> StoredAsync(ApiFactory api, long id) => api.WithDbAsync(async db =>
        await db.Employers.Where(e => e.Id == id)
            .Select(e => $"{e.Id}|{e.Name}|{e.NormalizedName}|{e.Description}|{e.NormalizedDescription}|{e.ImageId}|{e.CreatedAt:O}|{e.UpdatedAt:O}")
            .SingleOrDefaultAsync() ?? "absent");

    // Every stored employer, for writes that must not have added one.
    public static Task<string> AllStoredAsync(ApiFactory api) => api.WithDbAsync(async db =>
        string.Join('\n', await db.Employers.OrderBy(e => e.Id)
            .Select(e => $"{e.Id}|{e.Name}|{e.NormalizedName}|{e.Description}|{e.ImageId}|{e.UpdatedAt:O}").ToListAsync()));

    // Sends a write that must be refused with the given body, and checks the row did not move.
    public static async Task AssertRefusedAsync(ApiFactory api, long id, Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string expectedJson)
    {
        var before = await StoredAsync(api, id);

        await Drf.AssertBodyAsync(await send(), status, expectedJson);

        Assert.Equal(before, await StoredAsync(api, id));
    }

    // The ids of a list answer, in order.
    public static async Task<List<long>> IdsAsync(HttpClient client, string query)
    {
        var page = await ReadAsync(await client.GetAsync($"{Url}?{query}"), HttpStatusCode.OK);
        return page.GetProperty("results").EnumerateArray().Select(Id).ToList();
    }

    public static Task<List<long>> SearchAsync(HttpClient client, string search) =>
        IdsAsync(client, $"search={Uri.EscapeDataString(search)}");
}
