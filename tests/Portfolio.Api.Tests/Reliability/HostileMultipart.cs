using CsCheck;
using Portfolio.Api.Tests.Media;

namespace Portfolio.Api.Tests.Reliability;

// Multipart bodies whose framing is broken in the ways a client or an attacker breaks it: a
// boundary missing, empty, quoted, too long or not the one the header names; parts without
// headers or names, huge or odd headers, file names of every kind; LF for CRLF, no closing
// delimiter, truncation anywhere. The part that should be the file is sometimes a real PNG.
internal static class HostileMultipart
{
    private const string Boundary = "fuzzBoundary7MA4YWxkTrZu0gW";

    private static readonly byte[] Png = TestImages.Png(12, 8);

    private static readonly Gen<string> BoundaryText = Gen.Frequency(
        (6, Gen.Const(Boundary)),
        (1, Gen.OneOf("", " ", "\"\"", "a b", "--", new string('b', 71), new string('b', 300), "\"" + Boundary + "\"", "\u00ff\u00fe", "x;y=z")),
        (1, HostileText.HeaderValue));

    private static readonly Gen<string> Disposition = Gen.Frequency(
        (4, Gen.Select(Gen.OneOf("file", "name", "FILE", "file[]", "", "image"), FileName, (name, file) =>
            file is null ? $"form-data; name=\"{name}\"" : $"form-data; name=\"{name}\"; filename={file}")),
        (1, Gen.OneOf(
            "form-data", "form-data;", "form-data; name=file; filename=a.png", "form-data; name=\"file\"; filename*=UTF-8''%ED%A0%80.png",
            "form-data; name=\"file\"; filename*=UTF-8''a%00b.png", "form-data; name=\"file\"; filename*=bogus''x", "attachment; filename=\"a.png\"",
            "form-data; name=\"file\"; filename=\"a.png\"; filename=\"b.png\"", "form-data; name=\"file\"; filename=\"unterminated.png",
            "form-data; name=\"file\"; name=\"name\"; filename=\"x\"", "; ; ;")),
        (1, HostileText.HeaderValue));

    // A filename parameter, quoted or not, in plain or RFC 5987 form; or none (a text field).
    private static Gen<string?> FileName => Gen.Frequency(
        (1, Gen.Const("").Select<string, string?>(_ => null)),
        (3, HostileText.HeaderValue.Select<string, string?>(name => $"\"{name.Replace("\"", "\\\"", StringComparison.Ordinal)}\"")),
        (1, HostileText.HeaderValue.Select<string, string?>(name => name)),
        (1, HostileText.Bytes.Select<byte[], string?>(name => $"\"x\"; filename*=UTF-8''{HostileText.PercentEncode(name)}")));

    private static readonly Gen<string[]> PartHeaders = Gen.Frequency(
        (6, Gen.Select(Disposition, Gen.OneOf("image/png", "application/octet-stream", "text/plain; charset=utf-16", "", "multipart/mixed", "image/png; x=\u00ff"))
            .Select(t => t.Item2.Length == 0 ? new[] { $"Content-Disposition: {t.Item1}" } : [$"Content-Disposition: {t.Item1}", $"Content-Type: {t.Item2}"])),
        (1, Gen.Const(Array.Empty<string>())),
        (1, Gen.OneOf(
            new[] { "Content-Disposition form-data name=file" },
            ["Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"", $"X-Padding: {new string('p', 20_000)}"],
            [.. Enumerable.Range(0, 200).Select(i => $"X-Many-{i}: {i}").Prepend("Content-Disposition: form-data; name=\"file\"; filename=\"many.png\"")],
            [$"Content-Disposition: form-data; name=\"file\"; filename=\"{new string('n', 5000)}.png\""],
            [": no name", "Content-Disposition: form-data; name=\"file\"; filename=\"a.png\""],
            ["Content-Disposition: form-data; name=\"name\"", "Content-Transfer-Encoding: base64"])));

    private static readonly Gen<byte[]> PartBody = Gen.Frequency(
        (3, Gen.Const(Png)),
        (2, HostileText.Bytes),
        (1, Gen.Const(Array.Empty<byte>())),
        (1, Gen.Byte.Array[1, 3000]),
        (1, Gen.Const(HostileText.Utf8($"--{Boundary}\r\n"))));

    // (Content-Type header, body)
    public static readonly Gen<(string ContentType, byte[] Body)> Form =
        from boundary in BoundaryText
        from declared in Gen.Frequency((8, Gen.Const(boundary)), (1, BoundaryText))
        from type in Gen.Frequency(
            (8, Gen.Const($"multipart/form-data; boundary={declared}")),
            (1, Gen.OneOf("multipart/form-data", "multipart/form-data; boundary=", $"multipart/mixed; boundary={declared}", $"multipart/form-data; boundary=\"{declared}\"",
                $"multipart/form-data; boundary={declared}; boundary=other", $"Multipart/Form-Data;BOUNDARY={declared}", "application/x-www-form-urlencoded")))
        from parts in Gen.Select(PartHeaders, PartBody).Array[0, 4]
        from newline in Gen.Frequency((8, Gen.Const("\r\n")), (1, Gen.OneOf("\n", "\r", "")))
        from ending in Gen.Frequency((8, Gen.Const($"--{boundary}--\r\n")), (1, Gen.OneOf("", $"--{boundary}", $"--{boundary}-", $"--{boundary}--garbage", $"--{boundary}\r\n")))
        from preamble in Gen.Frequency((8, Gen.Const("")), (1, Gen.OneOf("preamble text\r\n", "\r\n\r\n", "--\r\n")))
        from cut in Gen.Frequency((8, Gen.Const(1.0)), (1, Gen.Double.Unit))
        select (type, Cut(Render(boundary, parts, newline, ending, preamble), cut));

    private static byte[] Render(string boundary, (string[] Headers, byte[] Body)[] parts, string newline, string ending, string preamble)
    {
        var body = new List<byte>(HostileText.Utf8(preamble));
        foreach (var (headers, content) in parts)
        {
            body.AddRange(HostileText.Utf8($"--{boundary}{newline}"));
            foreach (var header in headers)
            {
                // A header's bytes as the Latin-1 that HeaderValue stands for.
                body.AddRange(System.Text.Encoding.Latin1.GetBytes(header + newline));
            }

            body.AddRange(HostileText.Utf8(newline));
            body.AddRange(content);
            body.AddRange(HostileText.Utf8(newline));
        }

        body.AddRange(HostileText.Utf8(ending));
        return [.. body];
    }

    private static byte[] Cut(byte[] body, double keep) => body[..(int)(body.Length * keep)];
}
