namespace Portfolio.Api.Media;

internal static class MediaSetup
{
    public static void AddMedia(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MediaOptions>().BindConfiguration("Media");
        builder.Services.AddSingleton<MediaUrls>();
    }
}
