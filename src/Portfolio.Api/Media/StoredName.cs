using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portfolio.Api.Media;

// File names as stored: what the uploader called the file, made safe to be a path segment
// and a URL, with the extension of the detected format.
internal static class StoredName
{
    public const int MaxStemLength = 80;

    // File systems count bytes (255 on Linux): 80 Chinese or Devanagari characters are 240, too
    // many once the suffix and "_thumbnail_1080x1080.jpg" are added.
    public const int MaxStemBytes = 150;
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

        var text = TruncateUtf8(Truncate(stem.ToString().Trim('_', '.'), MaxStemLength), MaxStemBytes).TrimEnd('_', '.');
        return text.Length == 0 ? Fallback : text.Normalize(NormalizationForm.FormC);
    }

    public static string WithSuffix(string stem) => $"{stem}_{RandomNumberGenerator.GetString(SuffixAlphabet, 7)}";

    public static string Directory(DateTime uploadedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{Folder}/{uploadedAt:yyyy}/{uploadedAt:MM}/{uploadedAt:dd}");

    public static string OriginalKey(string directory, string stem, ImageFormat format) => $"{directory}/{stem}.{format.Extension}";

    public static string ThumbnailKey(string directory, string stem, int box) =>
        string.Create(CultureInfo.InvariantCulture, $"{directory}/thumbnails/{stem}_thumbnail_{box}x{box}.jpg");

    public static string TruncateUtf8(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        var length = 0;
        var bytes = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var size = Encoding.UTF8.GetByteCount(elements.GetTextElement());
            if (bytes + size > maxBytes)
            {
                break;
            }

            bytes += size;
            length += elements.GetTextElement().Length;
        }

        return text[..length];
    }

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
