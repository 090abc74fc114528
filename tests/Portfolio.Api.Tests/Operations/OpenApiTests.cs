using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Operations;

// The OpenAPI document describes every endpoint, and what endpoints really answer fits it.
public sealed class OpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await api.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_document_lists_every_endpoint_of_the_service()
    {
        var document = await DocumentAsync();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();

        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText != "/openapi/{documentName}.json" && e.RoutePattern.RawText != "/openapi/v1.json")
            // The console's pages and Blazor's own redirect endpoint are not the API.
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/admin", StringComparison.Ordinal) && !e.RoutePattern.RawText.StartsWith("/_framework/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} /{e.RoutePattern.RawText!.Trim('/')}"))
            .ToHashSet();

        Assert.Equal(23, mapped.Count);
        Assert.Empty(mapped.Except(documented));
        Assert.Empty(documented.Except(mapped));
    }

    [Fact]
    public async Task The_Token_scheme_is_declared_and_required_where_a_token_is()
    {
        var document = await DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Token");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("Authorization", scheme.GetProperty("name").GetString());
        Assert.StartsWith("Token <key>", scheme.GetProperty("description").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths");
        Assert.Equal("Token", paths.GetProperty("/api/portfolios/employers/{id}").GetProperty("get").GetProperty("security")[0].EnumerateObject().Single().Name);
        Assert.False(paths.GetProperty("/healthz").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/api/auth/token").GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Docs_renders_the_document_from_local_assets()
    {
        var client = api.CreateClient();

        var page = await client.GetAsync("/docs");
        var html = await page.Content.ReadAsStringAsync();
        var init = await client.GetStringAsync("/docs/swagger-initializer.js");
        var bundle = await client.GetAsync("/docs/swagger-ui-bundle.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Contains("/openapi/v1.json", init + await client.GetStringAsync("/docs/index.js"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_check_catches_undeclared_mistyped_and_missing_properties()
    {
        var document = JsonDocument.Parse("""
            {"components": {"schemas": {"E": {"type": "object", "required": ["id", "name"],
              "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "image": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/I"}]}}},
              "I": {"type": "object", "properties": {"f": {"type": "string"}}}}}}
            """).RootElement;
        var check = new OpenApiSchemaCheck(document);
        var schema = JsonDocument.Parse("""{"$ref": "#/components/schemas/E"}""").RootElement;

        Assert.Empty(check.Problems(JsonDocument.Parse("""{"id": 1, "name": "x", "image": {"f": "u"}}""").RootElement, schema, "$"));
        Assert.Equal(
            ["$.id: string where the schema says \"integer\"", "$.extra: not declared in the schema", "$.name: required but absent"],
            check.Problems(JsonDocument.Parse("""{"id": "1", "extra": 2}""").RootElement, schema, "$"));
        Assert.Single(check.Problems(JsonDocument.Parse("""{"id": 1, "name": "x", "image": {"f": 5}}""").RootElement, schema, "$"));
    }

    [Fact]
    public async Task Every_real_answer_fits_its_documented_schema()
    {
        var check = new Checker(await DocumentAsync());
        var admin = await api.CreateUserAsync(Role.Admin, "admin passphrase");
        var client = api.ClientWithToken(admin.Token);
        var staff = await api.ClientForAsync(Role.Staff);
        var anonymous = api.CreateClient();

        await check.Async(anonymous, "GET", "/healthz", "/healthz", null, 200);
        await check.Async(anonymous, "GET", "/readyz", "/readyz", null, 200);
        await check.Async(anonymous, "POST", "/api/auth/token", "/api/auth/token", $$"""{"username": "{{admin.Username}}", "password": "admin passphrase"}""", 200);
        await check.Async(anonymous, "POST", "/api/auth/token", "/api/auth/token", """{"username": "nobody", "password": "wrong"}""", 400);
        await check.Async(anonymous, "POST", "/api/auth/token", "/api/auth/token", """{"username": """, 400);
        await check.Async(anonymous, "GET", "/api/auth/me", "/api/auth/me", null, 401);
        await check.Async(client, "GET", "/api/auth/me", "/api/auth/me", null, 200);
        await check.Async(client, "GET", "/api/permissions", "/api/permissions", null, 200);
        await check.Async(staff, "GET", "/api/users", "/api/users", null, 403);
        await check.Async(client, "GET", "/api/users", "/api/users?page_size=2", null, 200);
        var user = await check.Async(client, "POST", "/api/users", "/api/users", $$"""{"username": "u{{Guid.NewGuid():N}}", "password": "a fresh passphrase", "permissions": [4222]}""", 201);
        await check.Async(client, "POST", "/api/users", "/api/users", """{"username": ""}""", 400);
        var userPath = $"/api/users/{user.GetProperty("id").GetInt64()}";
        await check.Async(client, "GET", "/api/users/{id}", userPath, null, 200);
        await check.Async(client, "GET", "/api/users/{id}", "/api/users/99999999", null, 404);
        await check.Async(client, "PATCH", "/api/users/{id}", userPath, """{"is_staff": true}""", 200);
        await check.Async(client, "DELETE", "/api/users/{id}", userPath, null, 204);

        var upload = await client.PostAsync("/api/core/media", MediaHttp.Form(TestImages.Png(40, 30), "logo.png", "لوگو"));
        var image = await check.AnswerAsync("POST", "/api/core/media", upload, 201);
        await check.AnswerAsync("POST", "/api/core/media", await client.PostAsync("/api/core/media", MediaHttp.Form("not an image"u8.ToArray(), "x.png")), 400);
        var imageId = image.GetProperty("id").GetInt64();
        await check.Async(client, "GET", "/api/core/media", "/api/core/media", null, 200);
        await check.Async(client, "GET", "/api/core/media/{id}", $"/api/core/media/{imageId}", null, 200);

        const string employers = "/api/portfolios/employers";
        var employer = await check.Async(client, "POST", employers, employers, $$"""{"name": "کیان {{Guid.NewGuid():N}}", "image": {{imageId}}}""", 201);
        var name = employer.GetProperty("name").GetString();
        var path = $"{employers}/{employer.GetProperty("id").GetInt64()}";
        await check.Async(client, "POST", employers, employers, JsonSerializer.Serialize(new { name }), 400);
        await check.Async(client, "POST", employers, employers, "[1]", 400);
        await check.Async(client, "GET", employers, $"{employers}?search={Uri.EscapeDataString(name!)}&ordering=-name", null, 200);
        await check.Async(client, "GET", employers, $"{employers}?page=99999", null, 404);
        await check.Async(client, "GET", employers, $"{employers}?search=%00", null, 400);
        var retrieved = await client.GetAsync(path);
        await check.AnswerAsync("GET", $"{employers}/{{id}}", retrieved, 200);
        await check.Async(client, "GET", $"{employers}/{{id}}", path, null, 304, retrieved.Headers.ETag!.ToString());
        await check.Async(client, "PUT", $"{employers}/{{id}}", path, JsonSerializer.Serialize(new { name, description = "توضیح" }), 200);
        await check.Async(client, "PATCH", $"{employers}/{{id}}", path, """{"image": "x"}""", 400);
        await check.Async(client, "PATCH", $"{employers}/{{id}}", path, """{"image": null}""", 200);
        await check.Async(client, "GET", $"{employers}/{{id}}", $"{employers}/abc", null, 404);
        await check.Async(client, "DELETE", $"{employers}/{{id}}", path, null, 204);
        await check.Async(client, "DELETE", "/api/core/media/{id}", $"/api/core/media/{imageId}", null, 204);
        await check.Async(client, "DELETE", "/api/auth/token", "/api/auth/token", null, 204);

        Assert.True(check.Problems.Count == 0, string.Join('\n', check.Problems));
        Assert.True(check.Checked >= 35, $"only {check.Checked} answers checked");
    }

    // Sends requests, finds each answer's operation and status in the document, and keeps what
    // does not fit.
    private sealed class Checker(JsonElement document)
    {
        private readonly OpenApiSchemaCheck _schemas = new(document);

        public List<string> Problems { get; } = [];

        public int Checked { get; private set; }

        public async Task<JsonElement> Async(HttpClient client, string method, string template, string path, string? json, int status, string? ifNoneMatch = null)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (json is not null)
            {
                request.Content = Drf.Json(json);
            }

            if (ifNoneMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            }

            return await AnswerAsync(method, template, await client.SendAsync(request), status);
        }

        public async Task<JsonElement> AnswerAsync(string method, string template, HttpResponseMessage response, int status)
        {
            Checked++;
            var where = $"{method} {template} {status}";
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode != status)
            {
                Problems.Add($"{where}: answered {(int)response.StatusCode} {body}");
                return default;
            }

            var operation = document.GetProperty("paths").GetProperty(template).GetProperty(method.ToLowerInvariant());
            if (!operation.GetProperty("responses").TryGetProperty(status.ToString(CultureInfo.InvariantCulture), out var documented))
            {
                Problems.Add($"{where}: status not documented");
                return default;
            }

            if (body.Length == 0)
            {
                if (documented.TryGetProperty("content", out _))
                {
                    Problems.Add($"{where}: documented with a body, answered none");
                }

                return default;
            }

            var answer = JsonDocument.Parse(body).RootElement.Clone();
            if (!documented.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var media))
            {
                Problems.Add($"{where}: answered JSON, documented without");
                return answer;
            }

            Problems.AddRange(_schemas.Problems(answer, media.GetProperty("schema"), where));
            return answer;
        }
    }
}
