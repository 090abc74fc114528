using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Portfolio.Api.Audit;

// The hash chain: each entry's hash is SHA-256 over the previous entry's hash and the entry's
// canonical form. The form is plain enough to recompute anywhere: each field in a fixed order
// as a 4-byte big-endian length and its UTF-8 bytes, a missing field as the length FFFFFFFF.
// Numbers are decimal, the time is yyyy-MM-ddTHH:mm:ss.ffffffZ (docs/design.md).
internal static class AuditChain
{
    public const int HashLength = 32;

    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static byte[] Genesis => new byte[HashLength];

    public static byte[] Link(ReadOnlySpan<byte> previous, AuditEntry entry)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(previous);
        Append(sha, entry.Id.ToString(CultureInfo.InvariantCulture));
        Append(sha, entry.At.ToString(TimeFormat, CultureInfo.InvariantCulture));
        Append(sha, entry.ActorId?.ToString(CultureInfo.InvariantCulture));
        Append(sha, entry.Actor);
        Append(sha, entry.Action);
        Append(sha, entry.ObjectType);
        Append(sha, entry.ObjectId?.ToString(CultureInfo.InvariantCulture));
        Append(sha, entry.ObjectName);
        Append(sha, entry.Changes);
        Append(sha, entry.RequestId);
        Append(sha, entry.ClientAddress);
        Append(sha, entry.UserAgent);
        return sha.GetHashAndReset();
    }

    public static string Format(ReadOnlySpan<byte> hash) => Convert.ToHexStringLower(hash);

    private static void Append(IncrementalHash sha, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            sha.AppendData(length);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        sha.AppendData(length);
        sha.AppendData(bytes);
    }
}

// Text as both databases will give it back: no NUL (PostgreSQL refuses it in text), no lone
// surrogate (it cannot be UTF-8), and no longer than its column. Otherwise a stored entry would
// read back different from what was hashed, and verify-audit would call it tampered.
internal static class AuditText
{
    public static string? Clean(string? text, int maxLength = int.MaxValue)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            text = text[..maxLength];
        }

        if (!NeedsCleaning(text))
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else
            {
                clean.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return clean.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0' || char.IsLowSurrogate(c))
            {
                return true;
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }
}
