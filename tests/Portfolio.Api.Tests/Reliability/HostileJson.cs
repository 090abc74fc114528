using System.Text;
using CsCheck;

namespace Portfolio.Api.Tests.Reliability;

// JSON bodies, mostly objects with the fields the API reads, whose values are of every kind and
// whose text is hostile; then, sometimes, the bytes broken: truncated, bytes inserted that are
// not UTF-8, garbage after the end, a BOM before the start.
internal static class HostileJson
{
    private static readonly string[] Fields =
    [
        "name", "description", "image", "image_data", "id", "created_at", "updated_at", "username", "password", "is_staff", "is_superuser",
        "is_active", "permissions", "date_joined", "token",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "12.5", "1e2", "1E400", "-1e400", "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "2147483648", "4222", "9001", "0.0000001", "01", "1.", ".5", "+1", "0x10", "NaN", "Infinity", "-Infinity", "1_000", new string('9', 400),
    ];

    private static readonly Gen<byte[]> StringLiteral = Gen.OneOf(
        HostileText.Text.Select(text => HostileText.Utf8(Quote(text))),
        HostileText.Bytes.Select(bytes => Cat("\""u8.ToArray(), bytes, "\""u8.ToArray())),
        Gen.OneOf("\"\\ud800\"", "\"a\\udc00b\"", "\"\\u0000\"", "\"\\uD83D\"", "\"\\u202e\\u0000\\ud800x\"", "\"\\x41\"", "\"\\u00\"", "\"\\\"")
            .Select(HostileText.Utf8));

    private static readonly Gen<byte[]> Scalar = Gen.Frequency(
        (4, StringLiteral),
        (2, Gen.OneOf(Numbers).Select(HostileText.Utf8)),
        (1, Gen.Long.Select(n => HostileText.Utf8(n.ToString(System.Globalization.CultureInfo.InvariantCulture)))),
        (1, Gen.OneOf("true", "false", "null", "nul", "True", "undefined").Select(HostileText.Utf8)));

    private static readonly Gen<byte[]> Key = Gen.Frequency(
        (6, Gen.OneOf(Fields).Select(field => HostileText.Utf8($"\"{field}\""))),
        (1, StringLiteral));

    // Nesting past the parser's limit of 64, and far past it.
    private static readonly Gen<byte[]> Deep = Gen.Select(Gen.Int[60, 70], Gen.OneOf(70, 5000), Gen.Bool, (near, far, arrays) =>
    {
        var depth = arrays ? near : far;
        return arrays
            ? HostileText.Utf8(new string('[', depth) + new string(']', depth))
            : HostileText.Utf8(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
    });

    // Three levels of arrays and objects, built level by level: Gen.Recursive threw a
    // NullReferenceException here, sampled on four threads.
    private static readonly Gen<byte[]> Value = Nested(3);

    public static readonly Gen<byte[]> Document = Gen.Select(
        Gen.Frequency((8, Members(Value)), (1, Value), (1, Gen.OneOf("", " ", "\n", "{", "}", "{}", "[]", "\"\"", "{\"name\":}").Select(HostileText.Utf8))),
        Mutation,
        (json, mutate) => mutate(json));

    // A login as a browser or `requests.post(data=...)` sends it.
    public static readonly Gen<byte[]> Form = Gen.Select(HostileText.UrlPart, HostileText.UrlPart, Gen.OneOf("username", "password", "x", "username[]", ""), (user, password, extra) =>
        HostileText.Utf8($"username={user}&password={password}&{extra}={user}"));

    private static Gen<Func<byte[], byte[]>> Mutation => Gen.Frequency(
        (12, Gen.Const<Func<byte[], byte[]>>(json => json)),
        (1, Gen.Double.Unit.Select<double, Func<byte[], byte[]>>(at => json => json[..(int)(json.Length * at)])),
        (1, Gen.Select(Gen.Double.Unit, HostileText.Bytes).Select<(double, byte[]), Func<byte[], byte[]>>(t => json =>
        {
            var at = (int)(json.Length * t.Item1);
            return Cat(json[..at], t.Item2, json[at..]);
        })),
        (1, Gen.OneOf(" x", "}", ",", "\0", " {}", "\n\n{\"name\": 1}").Select<string, Func<byte[], byte[]>>(tail => json => Cat(json, HostileText.Utf8(tail)))),
        (1, Gen.Const<Func<byte[], byte[]>>(json => Cat([0xEF, 0xBB, 0xBF], json))));

    private static Gen<byte[]> Nested(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (8, Scalar),
            (1, Nested(depth - 1).Array[0, 4].Select(items => Cat([.. Join(items, ","u8.ToArray()).Prepend("["u8.ToArray()).Append("]"u8.ToArray())]))),
            (1, Members(Nested(depth - 1))),
            (1, Deep));

    private static Gen<byte[]> Members(Gen<byte[]> value) =>
        Gen.Select(Key, value).Array[0, 6].Select(members =>
            Cat([.. Join(members.Select(m => Cat(m.Item1, ":"u8.ToArray(), m.Item2)), ","u8.ToArray()).Prepend("{"u8.ToArray()).Append("}"u8.ToArray())]));

    private static IEnumerable<byte[]> Join(IEnumerable<byte[]> items, byte[] separator) =>
        items.SelectMany((item, i) => i == 0 ? [item] : new[] { separator, item });

    public static byte[] Cat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    // A JSON string of the text: controls and every surrogate \u-escaped, so that a lone one
    // arrives as the escape "\ud800" that a parser must refuse to read back.
    private static string Quote(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            json.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                < ' ' or (>= '\ud800' and <= '\udfff') => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return json.Append('"').ToString();
    }
}
