using NetVips;

namespace Portfolio.Api.Media;

// Process-wide libvips settings, from the measured comparison in shared/research/imaging.md.
internal static class VipsSettings
{
    // libvips calls back into this delegate; the static field keeps it from being collected.
    private static Log.LogDelegate? _forward;
    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }

        // One thread per image; parallelism comes from requests running side by side.
        NetVips.NetVips.Concurrency = 1;

        // The operation cache only raises memory: no upload is processed twice.
        Cache.Max = 0;
        Cache.MaxMem = 0;
        Cache.MaxFiles = 0;

        // Only the four decoders we accept may run, whatever bytes reach libvips.
        NetVips.NetVips.BlockUntrusted = true;
        Operation.Block("VipsForeignLoad", true);
        foreach (var loader in new[] { "VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadNsgif", "VipsForeignLoadWebp" })
        {
            Operation.Block(loader, false);
        }
    }

    // A refused file makes libvips warn ("premature end of JPEG"); into the log, not onto stderr.
    public static void ForwardLogs(ILogger logger)
    {
        _forward = (domain, level, message) =>
        {
            if (logger.IsEnabled(LogLevel.Debug))
            {
                logger.LogDebug("{Domain} {Level}: {Message}", domain, level, message);
            }
        };
        Log.SetLogHandler("VIPS", Enums.LogLevelFlags.Warning | Enums.LogLevelFlags.Message | Enums.LogLevelFlags.Info, _forward);
    }
}
