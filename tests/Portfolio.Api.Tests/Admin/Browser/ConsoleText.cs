using System.Globalization;
using System.Resources;

namespace Portfolio.Api.Tests.Admin.Browser;

// The console's own words, as the reader of a language sees them: tests find buttons and fields
// by what a person reads, without repeating the translations.
internal static class ConsoleText
{
    private static readonly ResourceManager Resources = new("Portfolio.Api.Admin.Text", typeof(Program).Assembly);

    public static string Get(string language, string key, params object[] values) =>
        string.Format(CultureInfo.GetCultureInfo(language), Resources.GetString(key, CultureInfo.GetCultureInfo(language))
            ?? throw new ArgumentException($"no console text {key}", nameof(key)), values);
}
