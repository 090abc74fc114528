using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Portfolio.Api.Accounts;

internal static class TokenKeys
{
    private static readonly SearchValues<char> LowercaseHex = SearchValues.Create("0123456789abcdef");

    // 192 random bits written as 48 hex digits: printable ASCII, no spaces, as DRF clients expect.
    private const int KeyBytes = 24;

    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyBytes));

    // What NewKey makes: 48 lowercase hex digits.
    public static bool IsWellFormed(string key) =>
        key.Length == 2 * KeyBytes && !key.AsSpan().ContainsAnyExcept(LowercaseHex);

    // A fast hash is enough for keys of this entropy; it is what the unique index is looked up by.
    public static byte[] Hash(string key)
    {
        Span<byte> utf8 = stackalloc byte[256];
        var length = Encoding.ASCII.GetBytes(key.AsSpan(0, Math.Min(key.Length, 256)), utf8);
        return SHA256.HashData(utf8[..length]);
    }
}
