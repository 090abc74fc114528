using System.Net;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// POST /api/auth/token as a client does it.
internal static class Login
{
    public static string Body(string username, string password) => JsonSerializer.Serialize(new { username, password });

    public static Task<HttpResponseMessage> PostAsync(ApiFactory api, string json) =>
        api.CreateClient().PostAsync("/api/auth/token", Drf.Json(json));

    public static async Task<string> TokenAsync(ApiFactory api, string username, string password) =>
        await KeyFromAsync(await PostAsync(api, Body(username, password)));

    // A successful login answers {"token": "<key>"} and nothing else.
    public static async Task<string> KeyFromAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["token"], json.RootElement.EnumerateObject().Select(p => p.Name));
        return json.RootElement.GetProperty("token").GetString()!;
    }
}
