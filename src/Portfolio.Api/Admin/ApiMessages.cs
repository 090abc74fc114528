using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Portfolio.Api.Admin;

// The API's messages are DRF's English sentences, which its clients compare; the console shows
// them in the reader's language. A message's numbers (and sizes such as "20.00 MB") become {0},
// {1}... in the lookup, so that one translation in Text.fa.resx serves every limit. A message
// without a translation is shown as the API wrote it.
internal static partial class ApiMessages
{
    public static string Localize(this IStringLocalizer<Text> text, string message)
    {
        var values = new List<object>();
        var template = Quantity().Replace(message, m =>
        {
            values.Add(Isolate(m.Value));
            return string.Create(CultureInfo.InvariantCulture, $"{{{values.Count - 1}}}");
        });
        var translated = text[template];
        return translated.ResourceNotFound ? message : string.Format(CultureInfo.CurrentCulture, translated.Value, [.. values]);
    }

    // A left-to-right value (a size, a count) kept whole inside right-to-left text: "20.00 MB",
    // not "MB 20.00". Unicode's isolates, since the text is plain, not markup.
    public static string Isolate(string value) =>
        CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft ? $"\u2066{value}\u2069" : value;

    [GeneratedRegex(@"\d+(?:\.\d+)?(?: (?:B|KB|MB|GB|TB|PB)\b)?")]
    private static partial Regex Quantity();
}
