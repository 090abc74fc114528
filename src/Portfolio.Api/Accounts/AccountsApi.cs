using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Http;
using Portfolio.Api.Operations;

namespace Portfolio.Api.Accounts;

internal static class AccountsApi
{
    public const string BadCredentials = "Unable to log in with provided credentials.";

    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");
        auth.MapPost("/token", Login)
            .AllowAnonymous()
            .WithJsonBody<LoginRequest>()
            .Produces<ErrorBody>(StatusCodes.Status429TooManyRequests)
            .WithSummary("Exchange a username and password for a new token (one per device).");
        auth.MapDelete("/token", Logout)
            .RequireAuthorization()
            .WithSummary("Revoke the token that made this request.");
        auth.MapGet("/me", Me)
            .RequireAuthorization()
            .WithSummary("The user that the token belongs to.");

        app.MapUsers();
    }

    private static async Task<Results<Ok<TokenResponse>, BadRequest<ValidationErrors>, JsonHttpResult<ErrorBody>>> Login(
        HttpContext http, AppDb db, AccountStore accounts, AuditTrail audit, LoginThrottle throttle, CancellationToken ct)
    {
        // DRF's ObtainAuthToken parses forms as well as JSON: `requests.post(url, data={...})`.
        var body = await JsonBody.ReadObjectAsync(http.Request, ct, acceptForms: true);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        // DRF's AuthTokenSerializer: the username is trimmed, the password taken as typed. A
        // username longer than any that can exist is refused before it costs a password check.
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var username = fields.String(UserFields.Username, required: true, maxLength: UserFields.UsernameMaxLength);
        var password = fields.String(UserFields.Password, required: true, trim: false);
        if (username is null || password is null)
        {
            return TypedResults.BadRequest(errors);
        }

        using var turn = await throttle.WaitTurnAsync(db, http.Connection.RemoteIpAddress, username, ct);
        if (turn.RetryAfter is { } wait)
        {
            return DrfErrors.Throttled(http.Response, wait);
        }

        if (await accounts.AuthenticateAsync(username, password, ct) is not { } user)
        {
            // Counted and recorded even if the guesser hangs up now. The entry names the username
            // tried, and the user's id when such a user exists; never the password.
            await using (var failed = await audit.BeginAsync(CancellationToken.None))
            {
                await turn.RecordFailureAsync();
                var known = await accounts.FindAsync(username, CancellationToken.None);
                audit.Record(new AuditRecord(AuditActions.LoginFailure, AuditObjects.User, known?.Id, username, AuditChanges.None));
                await failed.CommitAsync(CancellationToken.None);
            }

            errors.Add(ValidationErrors.NonField, BadCredentials);
            return TypedResults.BadRequest(errors);
        }

        await using var change = await audit.BeginAsync(ct);
        audit.ActAs(AuditActor.User(user.Id, user.Username));
        audit.Record(UserEditor.Entry(AuditActions.LoginSuccess, user, AuditChanges.None));
        var key = await accounts.IssueTokenAsync(user, ct);
        await change.CommitAsync(ct);
        return TypedResults.Ok(new TokenResponse(key));
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal principal, AppDb db, AuditTrail audit, CancellationToken ct)
    {
        var tokenId = principal.TokenId();
        await using var change = await audit.BeginAsync(ct);
        if (await db.Tokens.Where(t => t.Id == tokenId).ExecuteDeleteAsync(ct) > 0)
        {
            audit.Record(AccountStore.TokenEntry(AuditActions.TokenRevoke, tokenId, principal.Identity?.Name ?? "", AuditChanges.None));
        }

        await change.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<UserResponse>, NotFound<ErrorBody>>> Me(ClaimsPrincipal principal, AppDb db, CancellationToken ct)
    {
        // Deleted between authentication and this query: there is no one to show.
        if (await UserResponse.FindAsync(db, principal.UserId(), ct) is not { } user)
        {
            return DrfErrors.NotFound();
        }

        return TypedResults.Ok(user);
    }
}
