using Portfolio.Api.Media.Storage;

namespace Portfolio.Api.Media;

internal static class MediaSetup
{
    public static void AddMedia(this IHostApplicationBuilder builder)
    {
        VipsSettings.Apply();
        builder.Services.AddOptions<MediaOptions>().BindConfiguration("Media").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<MediaUrls>();
        builder.Services.AddSingleton<IFileStore, LocalFileStore>();
        builder.Services.AddSingleton<ImagePipeline>();
        builder.Services.AddScoped<MediaLibrary>();
        builder.Services.AddScoped<MediaMaintenance>();
    }

    public static void UseMedia(this WebApplication app)
    {
        VipsSettings.ForwardLogs(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NetVips"));
        app.UseMediaFiles();
    }
}
