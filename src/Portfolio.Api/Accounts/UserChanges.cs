using System.Text;
using System.Text.Json;
using Portfolio.Api.Http;

namespace Portfolio.Api.Accounts;

// What a POST or PATCH /api/users body asks for, read field by field in DRF's words. Null means
// "not given" (or given wrongly, with the reason in the errors). `id` and `date_joined` are
// read-only and, like unknown fields, ignored.
internal sealed record UserChanges(
    string? Username, string? Password, bool? IsStaff, bool? IsSuperuser, bool? IsActive, List<long>? Permissions)
{
    public static UserChanges Read(JsonElement body, ValidationErrors errors, bool partial)
    {
        var fields = new JsonFields(body, errors, partial);
        var username = fields.String(UserFields.Username, required: true, maxLength: UserFields.UsernameMaxLength);
        if (username is not null && !UserFields.IsValidUsername(username))
        {
            errors.Add(UserFields.Username, UserFields.InvalidUsername);
            username = null;
        }

        return new(
            username,
            fields.String(UserFields.Password, required: true, maxLength: UserFields.PasswordMaxLength, trim: false),
            fields.Boolean(UserFields.IsStaff),
            fields.Boolean(UserFields.IsSuperuser),
            fields.Boolean(UserFields.IsActive),
            fields.PrimaryKeys(UserFields.Permissions));
    }
}

internal static class UserFields
{
    public const string Username = "username";
    public const string Password = "password";
    public const string IsStaff = "is_staff";
    public const string IsSuperuser = "is_superuser";
    public const string IsActive = "is_active";
    public const string Permissions = "permissions";

    public const int UsernameMaxLength = 150;

    // Django sets none; this only bounds the work of hashing one request's password.
    public const int PasswordMaxLength = 4096;

    public const string InvalidUsername =
        "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";

    public const string UsernameTaken = "A user with that username already exists.";

    // Django's UnicodeUsernameValidator: letters and digits of any script, and @ . + - _.
    public static bool IsValidUsername(string username)
    {
        foreach (var rune in username.EnumerateRunes())
        {
            if (!Rune.IsLetterOrDigit(rune) && rune.Value is not ('@' or '.' or '+' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}
