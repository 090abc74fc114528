using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portfolio.Api.Media;

// File names as stored: what the uploader called the file, made safe to be a path segment
// and a URL, with the extension of the detected format.
internal static class StoredName
{
    public const int MaxStemLength = 80;
    public const string Folder = "core_media";
    public const string Fallback = "image";

    private const string SuffixAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    public static readonly IReadOnlyList<int> ThumbnailBoxes = [64, 128, 512, 1080];

    // The last segment of what the client sent, either separator counting: "C:\a\b.png" → "b.png".
    public static string LastSegment(string fileName)
    {
        var start = fileName.LastIndexOfAny(['/', '\\']) + 1;
        return fileName[start..];
    }

    // Keeps letters (Persian too), digits, marks, '-', '_' and '.' inside the name; every other run
    // of characters (separators, controls, spaces, quotes) becomes one '_'. Leading dots go, so no
    // "..", no hidden file; an empty result becomes "image".
    public static string Stem(string fileName)
    {
        var name = LastSegment(fileName);
        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            name = name[..dot];
        }

        var stem = new StringBuilder(name.Length);
        foreach (var rune in name.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var keep = Rune.IsLetterOrDigit(rune)
                || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                || rune.Value is '-' or '_' or '\u200C';
            if (keep)
            {
                stem.Append(rune.ToString());
            }
            else if (rune.Value == '.' && stem.Length > 0 && stem[^1] != '.')
            {
                stem.Append('.');
            }
            else if (stem.Length > 0 && stem[^1] != '_')
            {
                stem.Append('_');
            }
        }

        var text = Truncate(stem.ToString().Trim('_', '.'), MaxStemLength).TrimEnd('_', '.');
        return text.Length == 0 ? Fallback : text.Normalize(NormalizationForm.FormC);
    }

    public static string WithSuffix(string stem) => $"{stem}_{RandomNumberGenerator.GetString(SuffixAlphabet, 7)}";

    public static string Directory(DateTime uploadedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{Folder}/{uploadedAt:yyyy}/{uploadedAt:MM}/{uploadedAt:dd}");

    public static string OriginalKey(string directory, string stem, ImageFormat format) => $"{directory}/{stem}.{format.Extension}";

    public static string ThumbnailKey(string directory, string stem, int box) =>
        string.Create(CultureInfo.InvariantCulture, $"{directory}/thumbnails/{stem}_thumbnail_{box}x{box}.jpg");

    // Whole text elements only, so a cut never splits a surrogate pair or a letter from its mark.
    public static string Truncate(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        var length = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext() && length + elements.GetTextElement().Length <= maxLength)
        {
            length += elements.GetTextElement().Length;
        }

        return text[..length];
    }
}
