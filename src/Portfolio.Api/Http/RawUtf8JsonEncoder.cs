using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;

namespace Portfolio.Api.Http;

// Escapes only what JSON itself requires (quote, backslash, control characters), as Python's
// json.dumps(ensure_ascii=False) does. The framework's relaxed encoder still escapes ZWNJ and
// other format characters that Persian text is full of; the contract wants them raw.
internal sealed class RawUtf8JsonEncoder : JavaScriptEncoder
{
    public static readonly RawUtf8JsonEncoder Instance = new();

    public override int MaxOutputCharactersPerInputCharacter => 6;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar is < 0x20 or '"' or '\\';

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var span = new ReadOnlySpan<char>(text, textLength);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (c < 0x20 || c == '"' || c == '\\')
            {
                return i;
            }

            // A lone surrogate cannot be written as UTF-8: let the writer escape it.
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }
        }

        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var i = 0;
        while (i < utf8Text.Length)
        {
            var b = utf8Text[i];
            if (b < 0x80)
            {
                if (b < 0x20 || b == '"' || b == '\\')
                {
                    return i;
                }

                i++;
                continue;
            }

            // Invalid UTF-8 is handed to the writer, which replaces it.
            if (Rune.DecodeFromUtf8(utf8Text[i..], out _, out var consumed) != OperationStatus.Done)
            {
                return i;
            }

            i += consumed;
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var output = new Span<char>(buffer, bufferLength);
        var escaped = unicodeScalar switch
        {
            '"' => "\\\"",
            '\\' => "\\\\",
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            '\b' => "\\b",
            '\f' => "\\f",
            _ => (string?)null,
        };

        if (escaped is null)
        {
            if (unicodeScalar >= 0x20 && unicodeScalar is < 0xD800 or > 0xDFFF)
            {
                if (!new Rune(unicodeScalar).TryEncodeToUtf16(output, out numberOfCharactersWritten))
                {
                    return false;
                }

                return true;
            }

            escaped = $"\\u{unicodeScalar:x4}";
        }

        if (escaped.Length > output.Length)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        escaped.AsSpan().CopyTo(output);
        numberOfCharactersWritten = escaped.Length;
        return true;
    }
}
