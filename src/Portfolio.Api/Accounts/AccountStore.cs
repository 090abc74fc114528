using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Accounts;

// The account operations that the API, the command line and the first-start bootstrap share.
internal sealed class AccountStore(AppDb db, IPasswordHasher<User> hasher, TimeProvider clock, IOptions<AccountsOptions> options)
{
    private static readonly User Nobody = new() { Username = "" };

    // Checked instead when the username is unknown or inactive, so that a login takes as long
    // whether or not the user exists. Any thread may compute it first; all compute the same kind.
    private static string? s_nobodysHash;

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
        SetPassword(user, password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user;
    }

    // The user whose password this is, tracked so that the token issued next saves its last
    // login; null for a wrong password, an unknown username or an inactive user alike.
    public async Task<User?> AuthenticateAsync(string username, string password, CancellationToken ct)
    {
        var user = await FindAsync(username, ct);
        if (user is not { IsActive: true })
        {
            hasher.VerifyHashedPassword(Nobody, s_nobodysHash ??= hasher.HashPassword(Nobody, "unusable"), password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            SetPassword(user, password);
        }

        user.LastLogin = Timestamps.UtcNow(clock);
        return user;
    }

    public void SetPassword(User user, string password) => user.PasswordHash = hasher.HashPassword(user, password);

    // A new password ends every session that the old one opened.
    public async Task<int> ChangePasswordAsync(User user, string password, CancellationToken ct)
    {
        SetPassword(user, password);
        await db.SaveChangesAsync(ct);
        return await RevokeTokensAsync(user.Id, ct);
    }

    public Task<int> RevokeTokensAsync(long userId, CancellationToken ct) =>
        db.Tokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct);

    // Returns the key itself: this is the only moment it exists outside the client.
    public async Task<string> IssueTokenAsync(User user, CancellationToken ct)
    {
        var key = TokenKeys.NewKey();
        var now = Timestamps.UtcNow(clock);
        db.Tokens.Add(new ApiToken
        {
            UserId = user.Id,
            KeyHash = TokenKeys.Hash(key),
            CreatedAt = now,
            ExpiresAt = now + options.Value.TokenLifetime,
        });
        await db.SaveChangesAsync(ct);
        return key;
    }
}
