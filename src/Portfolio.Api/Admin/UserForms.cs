using System.Text.Json;
using System.Text.Json.Nodes;
using Portfolio.Api.Accounts;
using Portfolio.Api.Http;

namespace Portfolio.Api.Admin;

// What the console's user forms typed, read by the API's own reader (UserChanges) so that the rules
// and the messages are those of POST and PATCH /api/users: the form's fields become the body a
// client would have sent.
internal static class UserForms
{
    public static UserChanges ReadNew(NewUserForm form, ValidationErrors errors)
    {
        var body = Flags(form, []);
        body[UserFields.Username] = form.Username ?? "";
        body[UserFields.Password] = form.Password ?? "";
        return Read(body, errors, partial: false);
    }

    // `held` is what the user holds now: the form grants or revokes the employers permission only,
    // and any other code stays as it is.
    public static UserChanges ReadFlags(UserFlagsForm form, IEnumerable<int> held, ValidationErrors errors) =>
        Read(Flags(form, held), errors, partial: true);

    public static UserChanges ReadPassword(string? password, ValidationErrors errors) =>
        Read(new JsonObject { [UserFields.Password] = password ?? "" }, errors, partial: true);

    private static JsonObject Flags(UserFlagsForm form, IEnumerable<int> held)
    {
        var codes = held.Where(c => c != PermissionCodes.PortfolioEmployer).ToList();
        if (form.EmployersPermission)
        {
            codes.Add(PermissionCodes.PortfolioEmployer);
        }

        return new JsonObject
        {
            [UserFields.IsActive] = form.IsActive,
            [UserFields.IsStaff] = form.IsStaff,
            [UserFields.IsSuperuser] = form.IsSuperuser,
            [UserFields.Permissions] = new JsonArray([.. codes.Select(c => (JsonNode)c)]),
        };
    }

    private static UserChanges Read(JsonObject body, ValidationErrors errors, bool partial)
    {
        using var document = JsonDocument.Parse(body.ToJsonString());
        return UserChanges.Read(document.RootElement, errors, partial);
    }
}

// A checkbox left unticked is not posted at all, so every flag is false until the form says otherwise.
// Public only because the UserFlags component, which Razor makes public, takes it as a parameter.
public class UserFlagsForm
{
    public bool IsActive { get; set; }
    public bool IsStaff { get; set; }
    public bool IsSuperuser { get; set; }
    public bool EmployersPermission { get; set; }

    internal static UserFlagsForm Of(UserResponse user) => new()
    {
        IsActive = user.IsActive,
        IsStaff = user.IsStaff,
        IsSuperuser = user.IsSuperuser,
        EmployersPermission = user.Permissions.Contains(PermissionCodes.PortfolioEmployer),
    };
}

internal sealed class NewUserForm : UserFlagsForm
{
    public string? Username { get; set; }
    public string? Password { get; set; }
}
