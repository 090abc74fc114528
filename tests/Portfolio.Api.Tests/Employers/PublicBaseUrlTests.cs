using System.Text.Json;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Employers;

public sealed class CdnApiFactory : ApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Media:PublicBaseUrl"] = "https://cdn.example.com/media/",
    };
}

public sealed class PublicBaseUrlTests(CdnApiFactory api) : IClassFixture<CdnApiFactory>
{
    [Fact]
    public async Task File_urls_start_with_the_configured_public_base_url()
    {
        var employer = await Seed.PageEmployerAsync(api);
        var client = await api.ClientForAsync(Role.Admin);

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/portfolios/employers/{employer.Id}"));

        var image = json.RootElement.GetProperty("image_data");
        Assert.Equal($"https://cdn.example.com/media/{employer.Image!.File}", image.GetProperty("f").GetString());
        Assert.All(image.GetProperty("thumbnails").EnumerateArray(), t =>
            Assert.StartsWith("https://cdn.example.com/media/core_media/", t.GetProperty("f").GetString(), StringComparison.Ordinal));
    }
}
