using System.Globalization;

namespace Portfolio.Api.Media;

public static class HumanSize
{
    private static readonly string[] Units = ["KB", "MB", "GB", "TB", "PB"];

    // Binary units with two decimals: 5123 → "5.00 KB", 2621440 → "2.50 MB", 512 → "512 B".
    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
        }

        double value = bytes;
        var unit = -1;
        // Compare what will be printed: 1048575 bytes is "1.00 MB", not "1024.00 KB".
        while (Math.Round(value, 2) >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{value:0.00} {Units[unit]}");
    }
}
