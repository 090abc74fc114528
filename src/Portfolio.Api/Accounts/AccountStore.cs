using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Accounts;

// The account operations that the API, the command line and the first-start bootstrap share.
internal sealed class AccountStore(AppDb db, IPasswordHasher<User> hasher, AuditTrail audit, TimeProvider clock, IOptions<AccountsOptions> options)
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
        await using var change = await audit.BeginAsync(ct);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        audit.Record(UserEditor.Entry(AuditActions.UserCreate, user, new AuditChanges()
            .Added(UserFields.Username, user.Username)
            .Added(UserFields.IsStaff, user.IsStaff)
            .Added(UserFields.IsSuperuser, user.IsSuperuser)
            .Added(UserFields.IsActive, user.IsActive)));
        await change.CommitAsync(ct);
        return user;
    }

    // The user whose password this is, tracked so that the token issued next saves its last
    // login; null for a wrong password, an unknown username or an inactive user alike.
    public async Task<User?> AuthenticateAsync(string username, string password, CancellationToken ct)
    {
        var user = await VerifyAsync(username, password, ct);
        if (user is not null)
        {
            user.LastLogin = Timestamps.UtcNow(clock);
        }

        return user;
    }

    // The password checked alone, as when a signed-in user proves it again: not a login.
    public async Task<User?> VerifyAsync(string username, string password, CancellationToken ct)
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

        return user;
    }

    public void SetPassword(User user, string password) => user.PasswordHash = hasher.HashPassword(user, password);

    public async Task<int> ChangePasswordAsync(User user, string password, CancellationToken ct)
    {
        await using var change = await audit.BeginAsync(ct);
        SetPassword(user, password);
        await db.SaveChangesAsync(ct);
        var revoked = await EndSessionsAsync(user, ct);
        await change.CommitAsync(ct);
        return revoked;
    }

    // A new password ends every session that the old one opened, the API's tokens and the
    // console's alike, whoever set it (the user, an admin, the command line); in the change that
    // saved it, with its entry.
    public async Task<int> EndSessionsAsync(User user, CancellationToken ct)
    {
        var revoked = await db.Tokens.Where(t => t.UserId == user.Id).ExecuteDeleteAsync(ct);
        await db.ConsoleSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync(ct);
        audit.Record(UserEditor.Entry(AuditActions.PasswordChange, user, new AuditChanges().Changed("tokens", revoked, 0)));
        return revoked;
    }

    // One token of this user's (a sign-out, or a device given up in the console), with its entry.
    public async Task<bool> RevokeTokenAsync(long userId, string username, long tokenId, CancellationToken ct)
    {
        await using var change = await audit.BeginAsync(ct);
        var revoked = await db.Tokens.Where(t => t.Id == tokenId && t.UserId == userId).ExecuteDeleteAsync(ct) > 0;
        if (revoked)
        {
            audit.Record(TokenEntry(AuditActions.TokenRevoke, tokenId, username, AuditChanges.None));
        }

        await change.CommitAsync(ct);
        return revoked;
    }

    // Every token of this user's, each with the entry that its own sign-out would have left.
    public async Task<int> RevokeTokensAsync(long userId, string username, CancellationToken ct)
    {
        await using var change = await audit.BeginAsync(ct);
        var ids = await db.Tokens.Where(t => t.UserId == userId).Select(t => t.Id).ToListAsync(ct);
        var revoked = await db.Tokens.Where(t => ids.Contains(t.Id)).ExecuteDeleteAsync(ct);
        foreach (var id in ids)
        {
            audit.Record(TokenEntry(AuditActions.TokenRevoke, id, username, AuditChanges.None));
        }

        await change.CommitAsync(ct);
        return revoked;
    }

    // Returns the key itself: this is the only moment it exists outside the client.
    public async Task<string> IssueTokenAsync(User user, CancellationToken ct)
    {
        var key = TokenKeys.NewKey();
        var now = Timestamps.UtcNow(clock);
        var token = new ApiToken
        {
            UserId = user.Id,
            KeyHash = TokenKeys.Hash(key),
            CreatedAt = now,
            ExpiresAt = now + options.Value.TokenLifetime,
        };
        await using var change = await audit.BeginAsync(ct);
        db.Tokens.Add(token);
        await db.SaveChangesAsync(ct);
        audit.Record(TokenEntry(AuditActions.TokenIssue, token.Id, user.Username, new AuditChanges()
            .Added("user_id", user.Id)
            .Added("expires_at", token.ExpiresAt)));
        await change.CommitAsync(ct);
        return key;
    }

    // A token is named by its owner's username; its key is never written anywhere.
    public static AuditRecord TokenEntry(string action, long tokenId, string username, AuditChanges changes) =>
        new(action, AuditObjects.Token, tokenId, username, changes);
}
