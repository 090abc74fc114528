using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// Bodies that are not one well-formed JSON object, on every employer write: DRF's 400 or 415,
// never a 500, and the stored employers untouched.
public sealed class EmployerBodyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly string[] Methods = ["POST", "PUT", "PATCH"];

    private static readonly string[] MalformedBodies =
    [
        """{"name": "x" """,
        """{"name": "x"} trailing""",
        """{"name": "x"}{"name": "y"}""",
        """[{"name": "x"}]""",
        "\"just a string\"",
        "null",
        """{"name": NaN}""",
        """{"name": "x", "image": 1e400}""",
        """{"name": "x", "image": -1e400}""",
        """{"name": "\ud800"}""",
        """{"name": "x", "name": "y"}""",
        // Found by the fuzzer: the duplicate-name check threw a 500 on a name escaping a lone surrogate.
        """{"name": "x", "a\udc00b": 1}""",
        """{"\ud800": 1, "name": "x"}""",
        """{'name': 'x'}""",
        "{\"description\": " + new string('[', 100) + new string(']', 100) + "}",
    ];

    public static TheoryData<string, string> Malformed()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in Methods)
        {
            foreach (var body in MalformedBodies)
            {
                data.Add(method, body);
            }
        }

        return data;
    }

    private async Task<(HttpClient Client, long Id)> EmployerAsync()
    {
        var client = await StaffAsync(api);
        return (client, Id(await CreateAsync(client, Unique(), "as it was")));
    }

    private static Task<HttpResponseMessage> SendRawAsync(HttpClient client, string method, long id, byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var path = method == "POST" ? Url : $"{Url}/{id}";
        return client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Malformed_JSON_is_a_400_parse_error_that_changes_nothing(string method, string body)
    {
        var (client, id) = await EmployerAsync();
        var before = await AllStoredAsync(api);

        var response = await SendRawAsync(client, method, id, Encoding.UTF8.GetBytes(body), "application/json");

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        Assert.Equal(["detail"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.StartsWith("JSON parse error - ", json.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await AllStoredAsync(api));
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Invalid_UTF_8_is_a_400_parse_error(string method)
    {
        var (client, id) = await EmployerAsync();
        byte[] body = [.. "{\"name\": \""u8, 0xC3, 0x28, .. "\"}"u8];

        var response = await SendRawAsync(client, method, id, body, "application/json");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON parse error - ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "text/plain")]
    [InlineData("PUT", "application/x-www-form-urlencoded")]
    [InlineData("PATCH", "multipart/form-data; boundary=x")]
    [InlineData("POST", null)]
    public async Task A_body_that_is_not_JSON_is_415_and_changes_nothing(string method, string? contentType)
    {
        var (client, id) = await EmployerAsync();
        var before = await AllStoredAsync(api);

        var response = await SendRawAsync(client, method, id, "name=x"u8.ToArray(), contentType);

        await Drf.AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, $"Unsupported media type \"{contentType}\" in request.");
        Assert.Equal(before, await AllStoredAsync(api));
    }

    [Theory]
    [InlineData("POST", HttpStatusCode.BadRequest)]
    [InlineData("PUT", HttpStatusCode.BadRequest)]
    [InlineData("PATCH", HttpStatusCode.OK)]
    public async Task An_empty_body_reads_as_an_empty_object(string method, HttpStatusCode expected)
    {
        var (client, id) = await EmployerAsync();

        var response = await SendRawAsync(client, method, id, [], "application/json");

        var body = await ReadAsync(response, expected);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.Equal("This field is required.", body.GetProperty("name")[0].GetString());
        }
    }
}
