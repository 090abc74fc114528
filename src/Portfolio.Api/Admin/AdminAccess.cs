using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;

namespace Portfolio.Api.Admin;

internal static class AdminAccess
{
    // Whom the console serves: the people of the employers policy (AccountsSetup), asked of a
    // user who has just proved a password, before any session is opened.
    public static async Task<bool> AdmitsAsync(AppDb db, User user, CancellationToken ct) =>
        user.IsSuperuser
        || (user.IsStaff && await db.UserPermissions.AnyAsync(p => p.UserId == user.Id && p.Code == PermissionCodes.PortfolioEmployer, ct));
}
