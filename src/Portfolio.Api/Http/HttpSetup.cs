using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Portfolio.Api.Http;

internal static class HttpSetup
{
    public const string DefaultUrl = "http://localhost:8000";

    public static void AddHttpDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Header bytes outside ASCII reach the Token parser (as WSGI's latin-1 does for DRF)
            // instead of failing the whole request.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.Latin1;
        });

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);

        // The Token scheme never uses data protection; its "no key encryptor" warning is noise here.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        builder.Services.ConfigureHttpJsonOptions(json => AppJsonContext.Configure(json.SerializerOptions));
    }
}
