using System.Net;
using System.Text;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using IPNetwork = System.Net.IPNetwork;

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
        builder.AddForwardedHeaders();
    }

    // X-Forwarded-For/Proto/Host are believed only from the proxies listed under ForwardedHeaders
    // (KnownProxies: addresses, KnownNetworks: CIDR ranges; a list or one comma-separated value).
    // With none listed nothing is forwarded: the framework itself would trust every client once
    // both of its lists are empty, and by default it trusts loopback, which a local proxy shares.
    private static void AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("ForwardedHeaders");
        var proxies = Entries(section.GetSection("KnownProxies"))
            .Select(entry => IPAddress.TryParse(entry, out var address) ? address : throw Invalid("KnownProxies", entry)).ToList();
        var networks = Entries(section.GetSection("KnownNetworks"))
            .Select(entry => IPNetwork.TryParse(entry, out var network) ? network : throw Invalid("KnownNetworks", entry)).ToList();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
            options.ForwardedHeaders = proxies.Count + networks.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

            // Walk back through every trusted hop (a CDN before nginx), stopping at the first untrusted one.
            options.ForwardLimit = null;
        });
    }

    private static IEnumerable<string> Entries(IConfigurationSection list) =>
        (list.Value?.Split(',') ?? []).Concat(list.GetChildren().Select(child => child.Value ?? ""))
            .Select(entry => entry.Trim())
            .Where(entry => entry.Length > 0);

    private static InvalidOperationException Invalid(string key, string entry) =>
        new($"ForwardedHeaders:{key} has '{entry}', which is not an IP address or network.");
}
