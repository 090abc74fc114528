using Microsoft.Extensions.Options;
using Portfolio.Api.Media.Storage;

namespace Portfolio.Api.Media;

internal static class MediaSetup
{
    public static void AddMedia(this IHostApplicationBuilder builder)
    {
        VipsSettings.Apply();
        builder.Services.AddOptions<MediaOptions>().BindConfiguration("Media").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MediaUrls>();
        builder.Services.AddSingleton<IFileStore>(services => services.GetRequiredService<IOptions<MediaOptions>>().Value.IsS3
            ? ActivatorUtilities.CreateInstance<S3FileStore>(services)
            : ActivatorUtilities.CreateInstance<LocalFileStore>(services));

        builder.Services.AddSingleton<PendingDeletes>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PendingDeletes>());
        builder.Services.AddExceptionHandler<StorageErrorHandler>();
        builder.Services.AddSingleton<UploadBodies>();
        builder.Services.AddSingleton<ImagePipeline>();
        builder.Services.AddScoped<MediaLibrary>();
        builder.Services.AddScoped<MediaMaintenance>();
    }

    public static void UseMedia(this WebApplication app)
    {
        VipsSettings.ForwardLogs(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NetVips"));

        // With S3, clients fetch files from Media:PublicBaseUrl; /media is then an unknown path.
        if (!app.Services.GetRequiredService<IOptions<MediaOptions>>().Value.IsS3)
        {
            app.UseMediaFiles();
        }
    }
}
