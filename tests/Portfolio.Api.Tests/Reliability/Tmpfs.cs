using System.Diagnostics;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Reliability;

// A small tmpfs on a folder of its own, to fill to the brim: unmounted on Dispose, also when the
// test fails (lazily if something still holds a file open), so that no test leaves a mount behind.
internal sealed class Tmpfs : IDisposable
{
    private const string FillerName = "filler";

    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Tmpfs Mount(string size)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("The full-disk tests mount a tmpfs (mount -t tmpfs) and need root; CI runs them as root.");
        }

        var folder = Directory.CreateTempSubdirectory("portfolio-tmpfs-").FullName;
        if (Run("mount", "-t", "tmpfs", "-o", $"size={size}", "tmpfs", folder) is { } failure)
        {
            Directory.Delete(folder);
            throw new InvalidOperationException(failure);
        }

        return new Tmpfs(folder);
    }

    // Writes one file until not a byte more fits: large pieces first, then single bytes.
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, FillerName), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        foreach (var piece in new[] { 1 << 20, 4096, 1 })
        {
            var bytes = new byte[piece];
            try
            {
                while (true)
                {
                    filler.Write(bytes);
                }
            }
            catch (IOException)
            {
                // Full for pieces of this size; the next size takes what is left.
            }
        }
    }

    public void Free() => File.Delete(System.IO.Path.Combine(Path, FillerName));

    public void Dispose()
    {
        if (Run("umount", Path) is not null)
        {
            // Something still holds a file open: detach now, the kernel frees it once closed.
            Require(Run("umount", "-l", Path));
        }

        Directory.Delete(Path);
    }

    private static void Require(string? failure)
    {
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }
    }

    // Null when the command succeeds, else what it said.
    private static string? Run(params string[] command)
    {
        using var process = Process.Start(new ProcessStartInfo(command[0], command[1..]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{string.Join(' ', command)} failed: {error.Trim()}";
    }
}

// Embedded profile only (a SQLite file and a media folder on a local disk), and root, to mount
// the tmpfs: skipped without root unless CI is set, where the test then fails saying why.
public sealed class FullDiskFactAttribute : FactAttribute
{
    public FullDiskFactAttribute()
    {
        if (TestDatabase.IsPostgresProfile || ApiFactory.IsS3Run)
        {
            Skip = "Embedded profile only: a full local disk under the SQLite file or the media folder.";
        }
        else if (!Environment.IsPrivilegedProcess && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "Needs root to mount a tmpfs (CI runs it as root).";
        }
    }
}
