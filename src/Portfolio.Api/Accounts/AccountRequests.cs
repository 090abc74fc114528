namespace Portfolio.Api.Accounts;

// The bodies of the accounts endpoints, for the OpenAPI document only: handlers read them field
// by field (JsonFields), so that every mistake is answered in DRF's words.
public sealed record LoginRequest(string Username, string Password);

// POST needs username and password; PATCH takes any of the fields.
public sealed record UserRequest(
    string Username, string Password, bool IsStaff = false, bool IsSuperuser = false, bool IsActive = true, IReadOnlyList<int>? Permissions = null);
