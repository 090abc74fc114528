using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Portfolio.Api.Tests.TestHost;

internal static class Drf
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    // The whole body, compared as JSON: {"field": ["message"]} and the like.
    public static async Task AssertBodyAsync(HttpResponseMessage response, HttpStatusCode status, string expectedJson)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedJson), JsonNode.Parse(body)), $"expected {expectedJson}, got {body}");
    }

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
