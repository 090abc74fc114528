using System.Net;
using System.Text.Json;

namespace Portfolio.Api.Tests.TestHost;

internal static class Drf
{
    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
        Assert.Equal(["detail"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(detail, json.RootElement.GetProperty("detail").GetString());
    }
}
