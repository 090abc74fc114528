using System.Text;

namespace Portfolio.Api.Employers;

// Two names are the same employer when they differ only in Arabic/Persian letter forms, ZWNJ,
// tatweel, white space, digit script or case. The stored name keeps its own spelling.
public static class EmployerName
{
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name)
        {
            if (c is '\u200C' or '\u0640' or '\u200B' or '\u200D' or '\uFEFF')
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(Fold(c));
        }

        return builder.ToString();
    }

    private static char Fold(char c) => c switch
    {
        '\u064A' or '\u0649' => '\u06CC', // Arabic yeh and alef maksura → Persian yeh
        '\u0643' => '\u06A9',             // Arabic kaf → Persian keheh
        >= '\u06F0' and <= '\u06F9' => (char)('0' + (c - '\u06F0')), // Persian digits
        >= '\u0660' and <= '\u0669' => (char)('0' + (c - '\u0660')), // Arabic-Indic digits
        _ => char.ToLowerInvariant(c),
    };
}
