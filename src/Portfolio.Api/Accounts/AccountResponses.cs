using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;

namespace Portfolio.Api.Accounts;

public sealed record UserResponse(
    long Id, string Username, bool IsStaff, bool IsSuperuser, bool IsActive, IReadOnlyList<int> Permissions, DateTime DateJoined)
{
    // Read straight from the database into the response, so that every endpoint shows a user the same way.
    internal static readonly Expression<Func<User, UserResponse>> Projection = u => new UserResponse(
        u.Id, u.Username, u.IsStaff, u.IsSuperuser, u.IsActive, u.Permissions.Select(p => p.Code).OrderBy(c => c).ToList(), u.DateJoined);

    internal static Task<UserResponse?> FindAsync(AppDb db, long id, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).Select(Projection).SingleOrDefaultAsync(ct);

    // For a user this request has just written.
    internal static Task<UserResponse> GetAsync(AppDb db, long id, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == id).Select(Projection).SingleAsync(ct);
}

public sealed record TokenResponse(string Token);

public sealed record PermissionResponse(int Code, string Name);
