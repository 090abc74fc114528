using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Accounts;

internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AppDb db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string InvalidToken = "Invalid token.";
    public const string InactiveUser = "User inactive or deleted.";
    public const string NotProvided = "Authentication credentials were not provided.";
    public const string PermissionDenied = "You do not have permission to perform this action.";

    // How stale a token's last-used time may get: at most one write per token per interval, so
    // that a busy client does not pay for an UPDATE on every request.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private static readonly Func<AppDb, byte[], CancellationToken, Task<TokenOwner?>> FindOwner =
        EF.CompileAsyncQuery((AppDb db, byte[] hash, CancellationToken ct) => db.Tokens
            .Where(t => t.KeyHash == hash)
            .Select(t => new TokenOwner(
                t.Id, t.UserId, t.User.Username, t.User.IsActive, t.User.IsStaff, t.User.IsSuperuser, t.ExpiresAt, t.LastUsedAt,
                t.User.Permissions.Select(p => p.Code).ToList()))
            .FirstOrDefault());

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return AuthenticateResult.NoResult();
        }

        var parsed = TokenHeader.Parse(header.ToString());
        if (!parsed.IsPresent)
        {
            return AuthenticateResult.NoResult();
        }

        if (parsed.Error is not null)
        {
            return AuthenticateResult.Fail(parsed.Error);
        }

        var owner = await FindOwner(db, TokenKeys.Hash(parsed.Key!), Context.RequestAborted);
        var now = Timestamps.UtcNow(clock);
        if (owner is null || (owner.ExpiresAt is { } expires && expires <= now))
        {
            return AuthenticateResult.Fail(InvalidToken);
        }

        if (!owner.IsActive)
        {
            return AuthenticateResult.Fail(InactiveUser);
        }

        if (owner.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await RecordUseAsync(owner.TokenId, now);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(owner.ToPrincipal(), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = SchemeName;
        await DrfErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, result.Failure?.Message ?? NotProvided);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        DrfErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, PermissionDenied);

    // One UPDATE whose condition repeats the staleness test, so that parallel requests on one
    // token (or several instances of the service) write it once.
    private async Task RecordUseAsync(long tokenId, DateTime now)
    {
        var stale = now - LastUsedResolution;
        await db.Tokens
            .Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt <= stale))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
    }

    private sealed record TokenOwner(
        long TokenId,
        long UserId,
        string Username,
        bool IsActive,
        bool IsStaff,
        bool IsSuperuser,
        DateTime? ExpiresAt,
        DateTime? LastUsedAt,
        List<int> Permissions)
    {
        public ClaimsPrincipal ToPrincipal()
        {
            var claims = new List<Claim>(4 + Permissions.Count)
            {
                new(ClaimTypes.NameIdentifier, UserId.ToString(CultureInfo.InvariantCulture)),
                new(ClaimTypes.Name, Username),
                new(TokenClaims.TokenId, TokenId.ToString(CultureInfo.InvariantCulture)),
            };
            if (IsStaff)
            {
                claims.Add(new(RoleClaims.Staff, "true"));
            }

            if (IsSuperuser)
            {
                claims.Add(new(RoleClaims.Superuser, "true"));
            }

            foreach (var code in Permissions)
            {
                claims.Add(new(RoleClaims.Permission, code.ToString(CultureInfo.InvariantCulture)));
            }

            return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        }
    }
}

internal static class TokenClaims
{
    public const string TokenId = "token_id";
}
