using System.Net;
using Portfolio.Api.Http;

namespace Portfolio.Api.Accounts;

// A signed-in user's own new password, as Django's PasswordChangeForm takes it: the old one proved
// again (throttled as a sign-in is), the new one held to the API's PasswordRules, then every
// session of the old one ended, the one asking included.
internal sealed class OwnPassword(SignIn signIn, AccountStore accounts)
{
    public const string OldPassword = "old_password";
    public const string NewPassword = "new_password";
    public const string Incorrect = "Your old password was entered incorrectly. Please enter it again.";

    public async Task<OwnPasswordOutcome> ChangeAsync(
        IPAddress? client, string username, string? oldPassword, string? newPassword, ValidationErrors errors, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(oldPassword))
        {
            errors.Add(OldPassword, JsonFields.Required);
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            errors.Add(NewPassword, JsonFields.Required);
        }

        if (errors.Count > 0)
        {
            return default;
        }

        var confirmed = await signIn.ConfirmAsync(client, username, oldPassword!, ct);
        if (confirmed.Result == SignInResult.Throttled)
        {
            return new(null, confirmed.RetryAfter);
        }

        if (confirmed.Opened is null)
        {
            errors.Add(OldPassword, Incorrect);
        }

        errors.AddRange(NewPassword, PasswordRules.Check(newPassword!, username));
        if (errors.Count > 0 || confirmed.Opened is not { } user)
        {
            return default;
        }

        return new(await accounts.ChangePasswordAsync(user, newPassword!, ct), null);
    }
}

// Revoked is the number of tokens the change revoked, null when it was refused: for the reasons
// in the errors, or by the throttle for RetryAfter.
internal readonly record struct OwnPasswordOutcome(int? Revoked, TimeSpan? RetryAfter);
