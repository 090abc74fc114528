using System.Security.Cryptography;
using System.Text;

namespace Portfolio.Api.Accounts;

internal static class TokenKeys
{
    // 192 random bits written as 48 hex digits: printable ASCII, no spaces, as DRF clients expect.
    private const int KeyBytes = 24;

    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(KeyBytes));

    // A fast hash is enough for keys of this entropy; it is what the unique index is looked up by.
    public static byte[] Hash(string key)
    {
        Span<byte> utf8 = stackalloc byte[256];
        var length = Encoding.ASCII.GetBytes(key.AsSpan(0, Math.Min(key.Length, 256)), utf8);
        return SHA256.HashData(utf8[..length]);
    }
}
