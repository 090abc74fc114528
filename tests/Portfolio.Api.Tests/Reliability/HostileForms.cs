using CsCheck;

namespace Portfolio.Api.Tests.Reliability;

// The console's forms posted as the signed-in admin's browser, with its antiforgery token, a
// broken one or none, and fields of hostile text. Forms that would end the fuzzer's own session
// or tokens (sign out, revoke) are posted only without a valid token; deletes aim at no target row.
internal sealed class HostileForms(FuzzTarget target)
{
    private static readonly string[] Fields =
    [
        "Form.Name", "Form.Description", "Form.Username", "Form.Password", "Form.OldPassword", "Form.NewPassword", "Form.IsActive", "Form.IsStaff",
        "Form.IsSuperuser", "Form.EmployersPermission", "NewPassword.Password", "TokenId", "DeleteId", "Form", "Form.Name[0]", "Form..Name", "_handler",
    ];

    // (path, handler); each handler is the form's name on that page.
    private (string Path, string Handler)[] Safe =>
    [
        ("/admin/employers/new", "employer"), ($"/admin/employers/{target.EmployerId}", "employer"), ("/admin/users/new", "user"),
        ("/admin/signin", "signin"), ($"/admin/users/{target.UserId}", "flags"), ($"/admin/users/{target.UserId}", "password"),
        ("/admin/employers/1999999/delete", "delete"), ("/admin/media", "delete-image"), ("/admin/account", "password"), ("/admin/employers", "employer"),
    ];

    private static readonly (string Path, string Handler)[] Unsafe =
    [
        ("/admin/signout", ""), ("/admin/account", "revoke-tokens"), ("/admin/account", "revoke-token"),
    ];

    private static readonly Gen<string> Value = Gen.Frequency(
        (6, HostileText.UrlPart),
        (1, Gen.OneOf("true", "false", "on", "", "1", "-1", "1999999", "9223372036854775808")));

    private static Gen<(string Name, string Value)[]> FieldValues => Gen.Select(Gen.OneOf(Fields), Value).Array[0, 5];

    private Gen<string> Token => Gen.Frequency(
        (5, Gen.Const(HostileText.PercentEncode(HostileText.Utf8(target.AntiforgeryToken)))),
        (1, Gen.OneOf("", "x", "CfDJ8", HostileText.PercentEncode(HostileText.Utf8(target.AntiforgeryToken[..^4])))),
        (1, HostileText.UrlPart));

    public Gen<FuzzRequest> Posts => Gen.Frequency(
        (6, Gen.Select(Gen.OneOf(Safe), Token, Gen.Bool, FieldValues, (form, token, withToken, fields) =>
            Post(form.Path, form.Handler, withToken ? token : null, fields))),
        (1, Gen.Select(Gen.OneOf(Unsafe), Gen.OneOf("", "x", "CfDJ8"), FieldValues, (form, token, fields) => Post(form.Path, form.Handler, token, fields))),
        (1, Gen.Select(HostileMultipart.Form, Gen.OneOf($"/admin/employers/{target.EmployerId}/logo", "/admin/employers/new", "/admin/signin"), (form, path) =>
            new FuzzRequest("POST", path, Caller.Console, form.Body, form.ContentType))),
        (1, Gen.Select(Gen.OneOf(HostileText.Utf8("__RequestVerificationToken"), HostileText.Utf8("_handler=logo"), [0xFF, 0x3D, 0x26]), HostileText.Bytes, (start, junk) =>
            new FuzzRequest("POST", $"/admin/employers/{target.EmployerId}/logo", Caller.Console, [.. start, .. junk], "application/x-www-form-urlencoded"))));

    private static FuzzRequest Post(string path, string handler, string? token, (string Name, string Value)[] fields)
    {
        var pairs = fields.Select(f => $"{f.Name}={f.Value}").Prepend($"_handler={handler}");
        if (token is not null)
        {
            pairs = pairs.Append($"__RequestVerificationToken={token}");
        }

        return new FuzzRequest("POST", path, Caller.Console, HostileText.Utf8(string.Join('&', pairs)), "application/x-www-form-urlencoded");
    }
}
