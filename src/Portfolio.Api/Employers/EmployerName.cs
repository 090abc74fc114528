using System.Text;

namespace Portfolio.Api.Employers;

// Two names are the same employer when they differ only in Arabic/Persian letter forms, ZWNJ,
// tatweel and other invisible marks, white space, digit script or case. The stored name keeps its
// own spelling. Descriptions and search terms go through the same rules, so that search finds
// what uniqueness would call equal.
public static class EmployerName
{
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsIgnored(rune.Value))
            {
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(Fold(rune));
        }

        return builder.ToString();
    }

    // ZWNJ, tatweel, and the zero-width and direction marks that copy and paste carry along.
    private static bool IsIgnored(int c) =>
        c is 0x200C or 0x0640 or 0x200B or 0x200D or 0xFEFF or 0x200E or 0x200F or 0x061C;

    private static Rune Fold(Rune rune) => rune.Value switch
    {
        0x064A or 0x0649 => new Rune(0x06CC), // Arabic yeh and alef maksura → Persian yeh
        0x0643 => new Rune(0x06A9),           // Arabic kaf → Persian keheh
        >= 0x06F0 and <= 0x06F9 => new Rune('0' + (rune.Value - 0x06F0)), // Persian digits
        >= 0x0660 and <= 0x0669 => new Rune('0' + (rune.Value - 0x0660)), // Arabic-Indic digits

        // Upper then lower folds what lowering alone leaves apart (final sigma, long s).
        _ => Rune.ToLowerInvariant(Rune.ToUpperInvariant(rune)),
    };
}
