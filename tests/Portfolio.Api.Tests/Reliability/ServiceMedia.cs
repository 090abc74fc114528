using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portfolio.Api.Media;
using Portfolio.Api.Media.Storage;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Reliability;

// The media of a service process that outlive it, so that a restarted service finds them again: a
// folder of the test's own, or (PORTFOLIO_TEST_STORAGE=s3) a new bucket of the shared moto_server.
// The test looks at them through a store of its own, not through the service under test.
internal sealed class ServiceMedia : IDisposable
{
    private readonly string? _folder;

    private ServiceMedia(Dictionary<string, string?> settings, string? folder)
    {
        _folder = folder;

        // cleanup-media may take every unreferenced file at once: the test runs it only while nothing uploads.
        settings["Media:OrphanMinimumAge"] = TimeSpan.Zero.ToString();
        Settings = settings;
        var options = Options.Create(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Media").Get<MediaOptions>()!);
        Store = options.Value.IsS3 ? new S3FileStore(options, NullLogger<S3FileStore>.Instance) : new LocalFileStore(options);
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IFileStore Store { get; }

    public static async Task<ServiceMedia> CreateAsync()
    {
        if (ApiFactory.IsS3Run)
        {
            var moto = await MotoServer.SharedAsync();
            return new ServiceMedia(moto.StorageSettings(await moto.CreateBucketAsync()), folder: null);
        }

        var folder = Directory.CreateTempSubdirectory("portfolio-media-").FullName;
        return new ServiceMedia(new Dictionary<string, string?> { ["Media:Root"] = folder }, folder);
    }

    public async Task<HashSet<string>> KeysAsync() => [.. await ApiFactory.KeysInAsync(Store)];

    public void Dispose()
    {
        (Store as IDisposable)?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
