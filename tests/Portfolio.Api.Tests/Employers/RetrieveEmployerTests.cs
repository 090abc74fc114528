using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Employers;

public sealed partial class RetrieveEmployerTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")]
    private static partial Regex DrfTimestamp();

    [Fact]
    public async Task Retrieve_reproduces_the_page_example()
    {
        var employer = await Seed.PageEmployerAsync(api, Seed.PageName);
        var client = await api.ClientForAsync(Role.Staff4222);

        var response = await client.GetAsync($"/api/portfolios/employers/{employer.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;

        Assert.Equal(["id", "name", "image_data", "description", "created_at", "updated_at"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(employer.Id, root.GetProperty("id").GetInt64());
        Assert.Equal(Seed.PageName, root.GetProperty("name").GetString());
        Assert.Equal(Seed.PageDescription, root.GetProperty("description").GetString());
        Assert.Equal("2026-01-13T09:55:00.750306Z", root.GetProperty("created_at").GetString());
        Assert.Matches(DrfTimestamp(), root.GetProperty("updated_at").GetString());

        var image = root.GetProperty("image_data");
        Assert.Equal(
            ["id", "type", "name", "size", "human_readable_size", "f", "width", "height", "mode", "thumbnails"],
            image.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Number, image.GetProperty("id").ValueKind);
        Assert.Equal("image/png", image.GetProperty("type").GetString());
        Assert.Equal("technology", image.GetProperty("name").GetString());
        Assert.Equal(5123, image.GetProperty("size").GetInt64());
        Assert.Equal("5.00 KB", image.GetProperty("human_readable_size").GetString());
        Assert.Equal($"{api.MediaBaseUrl}/{employer.Image!.File}", image.GetProperty("f").GetString());
        Assert.Equal(225, image.GetProperty("width").GetInt32());
        Assert.Equal(225, image.GetProperty("height").GetInt32());
        Assert.Equal("P", image.GetProperty("mode").GetString());

        var thumbnails = image.GetProperty("thumbnails").EnumerateArray().ToList();
        Assert.Equal([64, 128, 512, 1080], thumbnails.Select(t => t.GetProperty("size").GetInt32()));
        foreach (var thumbnail in thumbnails)
        {
            Assert.Equal(["id", "f", "size"], thumbnail.EnumerateObject().Select(p => p.Name));
            var box = thumbnail.GetProperty("size").GetInt32();
            Assert.StartsWith($"{api.MediaBaseUrl}/core_media/2025/12/02/thumbnails/", thumbnail.GetProperty("f").GetString(), StringComparison.Ordinal);
            Assert.EndsWith($"_thumbnail_{box}x{box}.jpg", thumbnail.GetProperty("f").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(thumbnails.Count, thumbnails.Select(t => t.GetProperty("id").GetInt64()).Distinct().Count());
    }

    [Fact]
    public async Task Retrieve_writes_Persian_as_raw_UTF8_never_escaped()
    {
        var employer = await Seed.PageEmployerAsync(api);
        var client = await api.ClientForAsync(Role.Admin);

        var bytes = await client.GetByteArrayAsync($"/api/portfolios/employers/{employer.Id}");

        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"name\":\"{employer.Name}\"")) >= 0);
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"description\":\"{Seed.PageDescription}\"")) >= 0);
    }

    [Fact]
    public async Task Retrieve_answers_null_image_data_for_an_employer_without_image()
    {
        var employer = await Seed.EmployerAsync(api, $"no image {Guid.NewGuid():N}");
        var client = await api.ClientForAsync(Role.Staff4222);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/portfolios/employers/{employer.Id}"));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("image_data").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task Retrieve_accepts_a_trailing_slash()
    {
        var employer = await Seed.EmployerAsync(api, $"slash {Guid.NewGuid():N}");
        var client = await api.ClientForAsync(Role.Staff4222);

        var response = await client.GetAsync($"/api/portfolios/employers/{employer.Id}/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("2_61")]
    [InlineData("۲۶۱")]
    [InlineData("+1")]
    [InlineData("%201")]
    [InlineData("99999999999999999999")]
    [InlineData("9223372036854775808")]
    public async Task Retrieve_answers_404_for_anything_but_an_existing_ASCII_id(string id)
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        var response = await client.GetAsync($"/api/portfolios/employers/{id}");

        await Drf.AssertErrorAsync(response, HttpStatusCode.NotFound, "Not found.");
    }

    [Fact]
    public async Task Retrieve_answers_404_for_a_deleted_employer()
    {
        var employer = await Seed.PageEmployerAsync(api);
        await Seed.DeleteEmployerAsync(api, employer.Id);
        var client = await api.ClientForAsync(Role.Staff4222);

        var response = await client.GetAsync($"/api/portfolios/employers/{employer.Id}");

        await Drf.AssertErrorAsync(response, HttpStatusCode.NotFound, "Not found.");
    }

    [Fact]
    public async Task A_remembered_answer_is_never_served_to_a_request_for_another_host()
    {
        var employer = await Seed.PageEmployerAsync(api);
        var client = await api.ClientForAsync(Role.Staff4222);
        async Task<string> FileUrlFor(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/portfolios/employers/{employer.Id}");
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            return json.RootElement.GetProperty("image_data").GetProperty("f").GetString()!;
        }

        var first = await FileUrlFor("localhost");
        var other = await FileUrlFor("portfolio.example:8443");
        var again = await FileUrlFor("localhost");

        Assert.StartsWith($"{api.MediaBaseUrl}/", first, StringComparison.Ordinal);
        Assert.Equal(first, again);

        // Media:PublicBaseUrl, when set (the S3 profile), wins over every host.
        var otherBase = api.IsS3 ? api.MediaBaseUrl : "http://portfolio.example:8443/media";
        Assert.Equal(otherBase + first[api.MediaBaseUrl.Length..], other);
    }

    [Fact]
    public async Task Retrieve_builds_file_urls_from_the_forwarded_host_only_when_trusted()
    {
        var employer = await Seed.PageEmployerAsync(api);
        var client = await api.ClientForAsync(Role.Staff4222);
        client.DefaultRequestHeaders.Add("X-Forwarded-Host", "evil.example");
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/portfolios/employers/{employer.Id}"));

        Assert.StartsWith($"{api.MediaBaseUrl}/", json.RootElement.GetProperty("image_data").GetProperty("f").GetString(), StringComparison.Ordinal);
    }
}
