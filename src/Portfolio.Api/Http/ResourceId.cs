using System.Globalization;

namespace Portfolio.Api.Http;

internal static class ResourceId
{
    // Only ASCII digits name a row: "1.5", "-1", "2_61", "۲۶۱" and values past the range are 404s.
    public static bool TryParse(string? text, out long id)
    {
        id = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 19 || !text.AsSpan().ContainsOnlyAsciiDigits())
        {
            return false;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;
    }

    private static bool ContainsOnlyAsciiDigits(this ReadOnlySpan<char> text) => !text.ContainsAnyExceptInRange('0', '9');
}
