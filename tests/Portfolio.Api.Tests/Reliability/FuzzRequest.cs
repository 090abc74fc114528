using System.Text;

namespace Portfolio.Api.Tests.Reliability;

// Who sends a generated request: nobody, staff holding 4222 or an admin (each with a real
// token), or the admin's signed-in console browser (its cookies, and its antiforgery token where
// the form carries one).
internal enum Caller
{
    Anonymous,
    Staff,
    Admin,
    Console,
}

// One generated request. The target is already percent-encoded; the body and headers go out as
// they are, without the client's validation.
internal sealed record FuzzRequest(
    string Method,
    string Target,
    Caller As,
    byte[]? Body = null,
    string? ContentType = null,
    IReadOnlyList<KeyValuePair<string, string>>? Headers = null)
{
    public IReadOnlyList<KeyValuePair<string, string>> AllHeaders => Headers ?? [];

    public FuzzRequest With(string name, string value) => this with { Headers = [.. AllHeaders, new(name, value)] };

    public override string ToString()
    {
        var text = new StringBuilder(Method).Append(' ').Append(Target).Append(" as ").Append(As);
        if (ContentType is not null)
        {
            text.Append("\n  Content-Type: ").Append(Escape(ContentType));
        }

        foreach (var (name, value) in AllHeaders)
        {
            text.Append("\n  ").Append(name).Append(": ").Append(Escape(value));
        }

        return text.Append("\n  body: ").Append(HostileText.Show(Body)).ToString();
    }

    private static string Escape(string text) => HostileText.Show(Encoding.Latin1.GetBytes(text.Length > 300 ? text[..300] + "..." : text));
}
