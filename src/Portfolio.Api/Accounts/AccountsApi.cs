using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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
        HttpContext http, AccountStore accounts, SignIn signIn, CancellationToken ct)
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

        var outcome = await signIn.TryAsync(http.Connection.RemoteIpAddress, username, password, admits: _ => Task.FromResult(true), user => accounts.IssueTokenAsync(user, ct), ct);
        switch (outcome.Result)
        {
            case SignInResult.Throttled:
                return DrfErrors.Throttled(http.Response, outcome.RetryAfter!.Value);
            case SignInResult.SignedIn:
                return TypedResults.Ok(new TokenResponse(outcome.Opened!));
            default:
                errors.Add(ValidationErrors.NonField, BadCredentials);
                return TypedResults.BadRequest(errors);
        }
    }

    private static async Task<NoContent> Logout(ClaimsPrincipal principal, AccountStore accounts, CancellationToken ct)
    {
        await accounts.RevokeTokenAsync(principal.UserId(), principal.Identity?.Name ?? "", principal.TokenId(), ct);
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
