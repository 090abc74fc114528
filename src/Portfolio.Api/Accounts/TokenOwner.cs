using System.Globalization;
using System.Security.Claims;

namespace Portfolio.Api.Accounts;

// What a token says about its holder, read in one query (and remembered per data generation).
internal sealed record TokenOwner(
    long TokenId, long UserId, string Username, bool IsActive, bool IsStaff, bool IsSuperuser, DateTime? ExpiresAt,
    DateTime? LastUsedAt, List<int> Permissions)
{
    public ClaimsPrincipal ToPrincipal(string scheme)
    {
        var claims = new List<Claim>(5 + Permissions.Count)
        {
            new(ClaimTypes.NameIdentifier, UserId.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, Username),
            new(TokenClaims.TokenId, TokenId.ToString(CultureInfo.InvariantCulture)),
        };
        if (IsStaff)
        {
            claims.Add(new(RoleClaims.Staff, "true"));
        }

        if (IsSuperuser)
        {
            claims.Add(new(RoleClaims.Superuser, "true"));
        }

        foreach (var code in Permissions)
        {
            claims.Add(new(RoleClaims.Permission, code.ToString(CultureInfo.InvariantCulture)));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}

internal static class TokenClaims
{
    public const string TokenId = "token_id";
}
