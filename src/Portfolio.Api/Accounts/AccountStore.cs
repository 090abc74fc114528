using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Accounts;

// The account operations that the API, the command line and the first-start bootstrap share.
internal sealed class AccountStore(AppDb db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public Task<User?> FindAsync(string username, CancellationToken ct) =>
        db.Users.SingleOrDefaultAsync(u => u.Username == username, ct);

    public Task<bool> AnyUserAsync(CancellationToken ct) => db.Users.AnyAsync(ct);

    public async Task<User> CreateSuperuserAsync(string username, string password, CancellationToken ct)
    {
        var user = new User
        {
            Username = username,
            IsStaff = true,
            IsSuperuser = true,
            IsActive = true,
            DateJoined = Timestamps.UtcNow(clock),
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    // Returns the key itself: this is the only moment it exists outside the client.
    public async Task<string> IssueTokenAsync(User user, CancellationToken ct)
    {
        var key = TokenKeys.NewKey();
        db.Tokens.Add(new ApiToken { UserId = user.Id, KeyHash = TokenKeys.Hash(key), CreatedAt = Timestamps.UtcNow(clock) });
        await db.SaveChangesAsync(ct);
        return key;
    }
}
