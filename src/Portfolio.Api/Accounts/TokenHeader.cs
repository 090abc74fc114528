namespace Portfolio.Api.Accounts;

// Parses `Authorization` exactly as DRF's TokenAuthentication does: split on white space, keyword
// compared case-insensitively, any other scheme counts as no credentials.
internal readonly record struct TokenHeader(string? Key, string? Error)
{
    public const string NoCredentials = "Invalid token header. No credentials provided.";
    public const string ContainsSpaces = "Invalid token header. Token string should not contain spaces.";
    public const string InvalidCharacters = "Invalid token header. Token string should not contain invalid characters.";

    public bool IsPresent => Key is not null || Error is not null;

    public static TokenHeader Parse(ReadOnlySpan<char> header)
    {
        Span<Range> parts = stackalloc Range[3];
        var count = SplitOnWhiteSpace(header, parts);
        if (count == 0 || !header[parts[0]].Equals("Token", StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }

        if (count == 1)
        {
            return new(null, NoCredentials);
        }

        if (count > 2)
        {
            return new(null, ContainsSpaces);
        }

        var key = header[parts[1]];
        if (key.ContainsAnyExceptInRange('!', '~'))
        {
            return new(null, InvalidCharacters);
        }

        return new(key.ToString(), null);
    }

    // Python's bytes.split(): runs of ASCII white space separate, empty fields are dropped.
    private static int SplitOnWhiteSpace(ReadOnlySpan<char> text, Span<Range> parts)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length && count < parts.Length)
        {
            while (i < text.Length && IsAsciiWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                break;
            }

            var start = i;
            while (i < text.Length && !IsAsciiWhiteSpace(text[i]))
            {
                i++;
            }

            parts[count++] = new Range(start, i);
        }

        return count;
    }

    private static bool IsAsciiWhiteSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';
}
