using System.Text;
using CsCheck;

namespace Portfolio.Api.Tests.Reliability;

// Text and bytes that have broken parsers and databases before: NUL, lone surrogates, bidi and
// other format controls, Persian look-alikes, invalid and overlong UTF-8. None of them spells a
// word that FuzzTarget looks for in a body, since the service may echo them in a message.
internal static class HostileText
{
    private static readonly string[] Pieces =
    [
        "\0", "\ud800", "\udfff", "\udc00\ud800", "\ud83d\ude00", "\u202e", "\u2066", "\u200f", "\u061c", "\ufeff", "\u200c", "\u200d",
        "\u0640", "\u064a", "\u0643", "\u06cc", "\u06a9", "\u06f2\u06f6\u06f1", "\u0661", "\uff21", "e\u0301", "\uffff", "\ufffe",
        "\u0085", "\u2028", "\u00a0", "\u3000", "\t", " ", "  ", "\r", "\n", "%", "%00", "%zz", "%E", "..", "../", "..\\", "/", "\\",
        "'", "\"", "`", ";", "--", "' OR '1'='1", "<script>", "&#0;", "${x}", "{{x}}", "%s%n", "0", "-1", "1.5", "2_61", "1e400",
        "9223372036854775808", "NaN", "null", "true", ",", "\"quoted phrase\"", "-name", "name,-id", "*", "?", "#", "&", "=", "+",
        "C:\\", "con", "nul.png", ".png", "a.png", "a.PNG.exe", "\u0627\u06cc\u0631\u0627\u0646",
    ];

    // Byte runs that are not UTF-8, or are UTF-8 that a decoder must refuse.
    private static readonly byte[][] BadBytes =
    [
        [0xFF], [0xFE], [0x80], [0xC3], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98], [0xEF, 0xBB, 0xBF], [0x00],
    ];

    private static readonly Gen<string> Piece = Gen.OneOf(Pieces);

    private static readonly Gen<string> Chars = Gen.OneOf(
        Gen.Char.AlphaNumeric.Array[1, 12].Select(c => new string(c)),
        Gen.Char['\u0600', '\u06ff'].Array[1, 8].Select(c => new string(c)),
        Gen.Char.Array[1, 4].Select(c => new string(c)));

    // A string of a few pieces, sometimes far too long for any field.
    public static readonly Gen<string> Text = Gen.Frequency(
        (12, Gen.OneOf(Piece, Chars).Array[0, 6].Select(string.Concat)),
        (1, Gen.Select(Gen.OneOf(Piece, Chars), Gen.Int[100, 6000], (text, times) => string.Concat(Enumerable.Repeat(text, times)))));

    // Text as bytes on the wire: UTF-8, with runs of bytes that are not UTF-8 mixed in.
    public static readonly Gen<byte[]> Bytes = Gen.Frequency(
        (2, Text.Select(Utf8)),
        (1, Gen.OneOf(Text.Select(Utf8), Gen.OneOf(BadBytes)).Array[1, 5].Select(parts => parts.SelectMany(p => p).ToArray())));

    // Text a header can carry: Kestrel reads header bytes as Latin-1, so any byte but CR, LF and NUL.
    public static readonly Gen<string> HeaderValue = Bytes.Select(bytes =>
        Encoding.Latin1.GetString(bytes.Where(b => b is not (0x0D or 0x0A or 0x00)).ToArray()));

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    // Every byte but unreserved ASCII as %XX, so that the bytes reach the server as they are;
    // sometimes a literal piece that is not percent-encoding at all.
    public static readonly Gen<string> UrlPart = Gen.Frequency(
        (6, Bytes.Select(PercentEncode)),
        (1, Gen.OneOf("%", "%zz", "%E", "%ED%A0", "%%", "%2", "+", "%2B", "%20", "%2F", "%5C", "%2e%2e", "..", ";", "%3B", "%23", "%3F", "%26")));

    public static string PercentEncode(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    // A request body as it was sent, for the failure report.
    public static string Show(byte[]? bytes) => bytes switch
    {
        null => "(none)",
        { Length: > 600 } => $"{Show(bytes[..600])}... ({bytes.Length} bytes)",
        _ => string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F and not (byte)'\\' ? ((char)b).ToString() : $"\\x{b:X2}")),
    };
}
