using System.Net;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;

namespace Portfolio.Api.Accounts;

// A password sign-in through either door, the API's token or the console's cookie: the throttle,
// the failure's entry (the username tried, never the password) and the success's entry in the
// transaction that opens what the door hands out.
internal sealed class SignIn(AppDb db, AccountStore accounts, AuditTrail audit, LoginThrottle throttle)
{
    public async Task<SignInOutcome<T>> TryAsync<T>(
        IPAddress? client, string username, string password, Func<User, Task<bool>> admits, Func<User, Task<T>> open, CancellationToken ct)
    {
        using var turn = await throttle.WaitTurnAsync(db, client, username, ct);
        if (turn.RetryAfter is { } wait)
        {
            return new(SignInResult.Throttled, default, wait);
        }

        if (await CheckAsync(turn, username, password, accounts.AuthenticateAsync, ct) is not { } user)
        {
            return new(SignInResult.BadCredentials, default, null);
        }

        // The right password for an account this door does not serve: nothing is opened.
        if (!await admits(user))
        {
            return new(SignInResult.NoAccess, default, null);
        }

        await using var change = await audit.BeginAsync(ct);
        audit.ActAs(AuditActor.User(user.Id, user.Username));
        audit.Record(UserEditor.Entry(AuditActions.LoginSuccess, user, AuditChanges.None));
        var opened = await open(user);
        await change.CommitAsync(ct);
        return new(SignInResult.SignedIn, opened, null);
    }

    // A signed-in user proving their password again (before changing it): throttled and counted
    // as a sign-in is, so that a session left open is no way to guess it; not a login.
    public async Task<SignInOutcome<User>> ConfirmAsync(IPAddress? client, string username, string password, CancellationToken ct)
    {
        using var turn = await throttle.WaitTurnAsync(db, client, username, ct);
        if (turn.RetryAfter is { } wait)
        {
            return new(SignInResult.Throttled, null, wait);
        }

        return await CheckAsync(turn, username, password, accounts.VerifyAsync, ct) is { } user
            ? new(SignInResult.SignedIn, user, null)
            : new(SignInResult.BadCredentials, null, null);
    }

    private async Task<User?> CheckAsync(
        LoginTurn turn, string username, string password, Func<string, string, CancellationToken, Task<User?>> check, CancellationToken ct)
    {
        if (await check(username, password, ct) is { } user)
        {
            return user;
        }

        // Counted and recorded even if the guesser hangs up now; with the user's id when such
        // a user exists.
        await using (var failed = await audit.BeginAsync(CancellationToken.None))
        {
            await turn.RecordFailureAsync();
            var known = await accounts.FindAsync(username, CancellationToken.None);
            audit.Record(new AuditRecord(AuditActions.LoginFailure, AuditObjects.User, known?.Id, username, AuditChanges.None));
            await failed.CommitAsync(CancellationToken.None);
        }

        return null;
    }
}

internal enum SignInResult
{
    SignedIn,
    BadCredentials,
    NoAccess,
    Throttled,
}

internal readonly record struct SignInOutcome<T>(SignInResult Result, T? Opened, TimeSpan? RetryAfter);
