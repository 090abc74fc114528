namespace Portfolio.Api.Accounts;

internal static class PasswordRules
{
    public const int MinimumLength = 8;

    // Django's default validators, in their words: length, all-numeric, similarity to the username.
    public static IReadOnlyList<string> Check(string password, string? username)
    {
        var problems = new List<string>();
        if (password.Length < MinimumLength)
        {
            problems.Add($"This password is too short. It must contain at least {MinimumLength} characters.");
        }

        if (password.Length > 0 && !password.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            problems.Add("This password is entirely numeric.");
        }

        if (!string.IsNullOrEmpty(username) && password.Equals(username, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("The password is too similar to the username.");
        }

        return problems;
    }
}
