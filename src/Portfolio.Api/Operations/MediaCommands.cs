using System.CommandLine;
using System.Globalization;
using Portfolio.Api.Media;

namespace Portfolio.Api.Operations;

// cleanup-media and regenerate-thumbnails, registered in Cli beside the account commands.
internal static class MediaCommands
{
    public static Command CleanupMedia()
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Report only; delete nothing." };
        var command = new Command(
            "cleanup-media",
            "Finds stored files no row references (older than Media:OrphanMinimumAge, an hour by default) and rows whose files are missing; removes the orphan files unless --dry-run.")
        {
            dryRun,
        };
        command.SetAction((result, ct) => Cli.RunWithServicesAsync(async services =>
        {
            var maintenance = services.GetRequiredService<MediaMaintenance>();
            var audit = await maintenance.AuditAsync(ct);
            var remove = !result.GetValue(dryRun);
            foreach (var file in audit.OrphanFiles)
            {
                Console.WriteLine($"orphan file: {file.Key} ({HumanSize.Format(file.Size)})");
            }

            foreach (var file in audit.RecentUnreferenced)
            {
                Console.WriteLine($"recent, kept: {file.Key} (may belong to an upload in progress)");
            }

            foreach (var key in audit.MissingFiles)
            {
                Console.WriteLine($"missing file: {key} (referenced by a row)");
            }

            if (remove)
            {
                await maintenance.DeleteAsync(audit.OrphanFiles, ct);
            }

            var bytes = audit.OrphanFiles.Sum(f => f.Size);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{audit.OrphanFiles.Count} orphan files ({HumanSize.Format(bytes)}) {(remove ? "removed" : "found, not removed (--dry-run)")}; {audit.MissingFiles.Count} missing files."));
        }));
        return command;
    }

    public static Command RegenerateThumbnails()
    {
        var command = new Command("regenerate-thumbnails", "Rebuilds every image's four thumbnails from its original.");
        command.SetAction((_, ct) => Cli.RunWithServicesAsync(async services =>
        {
            var maintenance = services.GetRequiredService<MediaMaintenance>();
            var total = await maintenance.CountImagesAsync(ct);
            var progress = new Progress(total, Console.IsOutputRedirected);
            var failures = 0;
            await foreach (var result in maintenance.RegenerateAsync(ct))
            {
                failures += result.Error is null ? 0 : 1;
                progress.Step(result);
            }

            progress.Finish();
            Console.WriteLine($"{total - failures} of {total} images regenerated; {failures} failed.");
            if (failures > 0)
            {
                throw new CommandFailedException($"{failures} images could not be regenerated.");
            }
        }));
        return command;
    }

    // A bar redrawn in place on a terminal; one plain line per image when output is a file or pipe.
    private sealed class Progress(int total, bool plain)
    {
        private const int Width = 30;
        private int _done;

        public void Step(RegenerateResult result)
        {
            _done++;
            if (plain || result.Error is not null)
            {
                var line = string.Create(CultureInfo.InvariantCulture, $"[{_done}/{total}] {result.File}: {result.Error ?? "ok"}");
                Console.WriteLine(plain ? line : "\r" + line.PadRight(Width + 40));
            }

            if (!plain)
            {
                var filled = total == 0 ? Width : _done * Width / total;
                Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{total}"));
            }
        }

        public void Finish()
        {
            if (!plain && _done > 0)
            {
                Console.WriteLine();
            }
        }
    }
}
