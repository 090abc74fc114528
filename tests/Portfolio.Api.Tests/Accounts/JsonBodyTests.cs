using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// Bodies that are not one well-formed JSON object: clear 400s and 415s in DRF's shape, never a 500.
public sealed class JsonBodyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Endpoints => new() { "/api/auth/token", "/api/users" };

    private static ByteArrayContent Raw(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content) =>
        await (await api.ClientForAsync(Role.Admin)).PostAsync(path, content);

    [Theory]
    [InlineData("/api/auth/token", "text/plain")]
    [InlineData("/api/users", "text/plain")]
    [InlineData("/api/users", "text/plain; charset=utf-8")]
    [InlineData("/api/users", "application/x-www-form-urlencoded")]
    [InlineData("/api/users", "multipart/form-data; boundary=x")]
    [InlineData("/api/users", "application/jsonx")]
    public async Task A_body_that_is_not_JSON_is_415(string path, string contentType)
    {
        var response = await PostAsync(path, Raw("username=x"u8.ToArray(), contentType));

        await Drf.AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, $"Unsupported media type \"{contentType}\" in request.");
    }

    [Fact]
    public async Task A_body_without_a_content_type_is_415()
    {
        var response = await PostAsync("/api/users", Raw("{}"u8.ToArray(), null));

        await Drf.AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "Unsupported media type \"\" in request.");
    }

    [Fact]
    public async Task The_JSON_media_type_is_matched_without_regard_to_case()
    {
        var response = await PostAsync("/api/auth/token", Raw("{}"u8.ToArray(), "Application/JSON"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This field is required.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "/api/users", """{"username": "x" """ },
        { "/api/users", """{"username": "x"} trailing""" },
        { "/api/users", """{"username": "x"}{"username": "y"}""" },
        { "/api/users", """[{"username": "x"}]""" },
        { "/api/users", "\"just a string\"" },
        { "/api/users", "42" },
        { "/api/users", "null" },
        { "/api/users", """{"username": NaN}""" },
        { "/api/users", """{"username": "x", "permissions": [1e400]}""" },
        { "/api/users", """{"username": "\ud800"}""" },
        { "/api/users", """{"username": "x", "username": "y"}""" },
        { "/api/users", """{'username': 'x'}""" },
        { "/api/users", "{\"permissions\": " + new string('[', 100) + new string(']', 100) + "}" },
        { "/api/auth/token", """{"username": "x", "password": """ },
        { "/api/auth/token", """["x", "y"]""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_JSON_is_a_400_parse_error(string path, string body)
    {
        var response = await PostAsync(path, Raw(Encoding.UTF8.GetBytes(body), "application/json"));

        await AssertParseErrorAsync(response);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC3 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public async Task Invalid_UTF_8_in_a_string_or_a_name_is_a_400_parse_error(byte[] invalid)
    {
        byte[] inValue = [.. "{\"username\": \""u8, .. invalid, .. "\"}"u8];
        byte[] inName = [.. "{\""u8, .. invalid, .. "\": 1}"u8];

        await AssertParseErrorAsync(await PostAsync("/api/users", Raw(inValue, "application/json")));
        await AssertParseErrorAsync(await PostAsync("/api/auth/token", Raw(inName, "application/json")));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_empty_body_reads_as_an_empty_object(string path)
    {
        var response = await PostAsync(path, Raw([], "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("This field is required.", json.RootElement.GetProperty("username")[0].GetString());
    }

    private static async Task AssertParseErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(["detail"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("JSON parse error - ", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_body_over_one_MiB_is_413_whether_its_length_is_declared_or_not(string path)
    {
        var padding = new string('a', (int)Portfolio.Api.Http.JsonBody.MaxBytes);
        var declared = Raw(Encoding.UTF8.GetBytes($$"""{"username": "x", "pad": "{{padding}}"}"""), "application/json");
        var chunked = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($$"""{"username": "x", "pad": "{{padding}}"}""")));
        chunked.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        var first = await PostAsync(path, declared);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, first.StatusCode);
        Assert.StartsWith("{\"detail\":", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = chunked };
        request.Headers.TransferEncodingChunked = true;
        var client = await api.ClientForAsync(Role.Admin);
        var second = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, second.StatusCode);
    }

    [Fact]
    public async Task Null_characters_in_text_are_refused_as_DRF_does()
    {
        var response = await PostAsync("/api/users", Raw("""{"username": "nul\u0000l", "password": "long enough 1"}"""u8.ToArray(), "application/json"));

        await Drf.AssertBodyAsync(response, HttpStatusCode.BadRequest, """{"username": ["Null characters are not allowed."]}""");
    }
}
