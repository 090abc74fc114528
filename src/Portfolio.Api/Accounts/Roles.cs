using System.Globalization;
using System.Security.Claims;

namespace Portfolio.Api.Accounts;

public static class Policies
{
    public const string PortfolioEmployer = "PortfolioEmployer";
    public const string Admin = "Admin";
}

internal static class RoleClaims
{
    public const string Superuser = "is_superuser";
    public const string Staff = "is_staff";
    public const string Permission = "permission";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == Superuser);

    public static bool IsStaff(this ClaimsPrincipal user) => user.HasClaim(c => c.Type == Staff);

    public static bool HoldsPermission(this ClaimsPrincipal user, int code)
    {
        var value = code.ToString(CultureInfo.InvariantCulture);
        return user.HasClaim(Permission, value);
    }

    public static long UserId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture);

    public static long TokenId(this ClaimsPrincipal user) =>
        long.Parse(user.FindFirstValue(TokenClaims.TokenId)!, CultureInfo.InvariantCulture);
}
