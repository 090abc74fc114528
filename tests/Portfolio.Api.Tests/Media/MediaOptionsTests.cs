using System.Net;
using Microsoft.Extensions.Options;
using Portfolio.Api.Media;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

public sealed class MediaOptionsTests
{
    [Fact]
    public void The_defaults_are_20_MiB_50_megapixels_four_formats_and_one_decode_per_core()
    {
        var options = new MediaOptions();

        Assert.Equal(20 * 1024 * 1024, options.MaxUploadBytes);
        Assert.Equal(50_000_000, options.MaxPixels);
        Assert.Equal(Environment.ProcessorCount, options.MaxConcurrentDecodes);
        Assert.Equal(["image/jpeg", "image/png", "image/gif", "image/webp"], options.Accepted.Select(f => f.MimeType));
    }

    [Theory]
    [InlineData("Media:MaxUploadBytes", "0")]
    [InlineData("Media:MaxPixels", "-5")]
    [InlineData("Media:MaxConcurrentDecodes", "0")]
    [InlineData("Media:AcceptedFormats:0", "svg")]
    [InlineData("Media:Storage", "Floppy")]
    public void A_bad_setting_stops_the_service_at_start(string key, string value)
    {
        using var api = new ConfiguredApi(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => api.CreateClient());

        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Media:S3:Bucket", "portfolio-media", "Media:PublicBaseUrl is required with Media:Storage S3.")]
    [InlineData("Media:PublicBaseUrl", "https://cdn.example.com/media", "Media:S3:Bucket is required with Media:Storage S3.")]
    [InlineData("Media:PublicBaseUrl", "media", "Media:PublicBaseUrl must be an absolute http(s) URL.")]
    public void S3_storage_needs_a_bucket_and_a_public_base_url_at_start(string key, string value, string message)
    {
        using var api = new ConfiguredApi(new() { ["Media:Storage"] = "S3", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => api.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_limits_apply_to_uploads()
    {
        using var api = new ConfiguredApi(new()
        {
            ["Media:MaxUploadBytes"] = "2000",
            ["Media:MaxPixels"] = "1000",
            ["Media:AcceptedFormats:0"] = "png",
        });
        var client = await api.ClientForAsync(Role.Staff4222);

        var tooBig = await MediaHttp.UploadAsync(client, new byte[2001], "big.png");
        var tooManyPixels = await MediaHttp.UploadAsync(client, TestImages.Solid(50, 30, TestImages.Red).PngsaveBuffer(), "wide.png");
        var notAccepted = await MediaHttp.UploadAsync(client, TestImages.Jpeg(10, 10), "photo.jpg");
        var accepted = await MediaHttp.UploadAsync(client, TestImages.Solid(10, 10, TestImages.Red).PngsaveBuffer(), "small.png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        Assert.Equal("{\"file\":[\"Image size (1500 pixels) exceeds the limit of 1000 pixels.\"]}", await tooManyPixels.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, notAccepted.StatusCode);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
    }

    // Settings that concern no particular storage: checked on local storage in every run.
    private sealed class ConfiguredApi(Dictionary<string, string?> settings) : LocalApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => settings;
    }
}
