using System.Globalization;

namespace Portfolio.Api.Admin;

// A number in a console page's query (?page=2, ?saved=1), read from the text: one that does not
// parse counts as absent, where Blazor's own binding of an int? fails the whole page with a 500.
internal static class ConsoleQuery
{
    public static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
}
