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
    CurrentGeneration generation,
    GenerationCache<string, TokenOwner> owners,
    UnknownTokenKeys unknownKeys,
    TokenUseRecorder uses,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    public const string InvalidToken = "Invalid token.";
    public const string InactiveUser = "User inactive or deleted.";
    public const string NotProvided = "Authentication credentials were not provided.";
    public const string PermissionDenied = "You do not have permission to perform this action.";

    private static readonly Func<AppDb, byte[], CancellationToken, Task<TokenOwner?>> FindOwner =
        EF.CompileAsyncQuery((AppDb db, byte[] hash, CancellationToken ct) => db.Tokens
            .Where(t => t.KeyHash == hash)
            .Select(t => new TokenOwner(
                t.Id, t.UserId, t.User.Username, t.User.IsActive, t.User.IsStaff, t.User.IsSuperuser, t.ExpiresAt, t.LastUsedAt,
                t.User.Permissions.Select(p => p.Code).ToList()))
            .FirstOrDefault());

    // Rented from the pool only when the cache misses or a last use is due: most requests need none.
    private AppDb Db => Context.RequestServices.GetRequiredService<AppDb>();

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

        // A key that no token can have is refused without a look in the database.
        var owner = TokenKeys.IsWellFormed(parsed.Key!) ? await FindOwnerAsync(TokenKeys.Hash(parsed.Key!)) : null;
        var now = Timestamps.UtcNow(clock);
        if (owner is null || (owner.ExpiresAt is { } expires && expires <= now))
        {
            return AuthenticateResult.Fail(InvalidToken);
        }

        if (!owner.IsActive)
        {
            return AuthenticateResult.Fail(InactiveUser);
        }

        if (uses.IsDue(owner, now))
        {
            await RecordUseAsync(owner.TokenId, now);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(owner.ToPrincipal(SchemeName), SchemeName));
    }

    private async Task<TokenOwner?> FindOwnerAsync(byte[] hash)
    {
        var ct = Context.RequestAborted;
        var current = await generation.GetAsync(ct);
        var cacheKey = Convert.ToHexString(hash);
        if (owners.TryGet(current, cacheKey, out var owner))
        {
            return owner;
        }

        if (unknownKeys.Contains(current, cacheKey))
        {
            return null;
        }

        owner = await FindOwner(Db, hash, ct);
        if (owner is null)
        {
            unknownKeys.Add(current, cacheKey);
        }
        else
        {
            owners.Add(current, cacheKey, owner);
        }

        return owner;
    }

    // One UPDATE whose condition repeats the staleness test, so that parallel requests on one
    // token (or several instances of the service) write it once.
    private Task RecordUseAsync(long tokenId, DateTime now)
    {
        uses.Recorded(tokenId, now);
        var stale = now - TokenUseRecorder.Resolution;
        var db = Db;
        return Bookkeeping.TryWriteAsync(
            db,
            () => db.Tokens
                .Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted),
            e => Logger.LogWarning(e, "Could not record the last use of token {TokenId}.", tokenId));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = SchemeName;
        await DrfErrors.WriteAsync(Context, StatusCodes.Status401Unauthorized, result.Failure?.Message ?? NotProvided);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        DrfErrors.WriteAsync(Context, StatusCodes.Status403Forbidden, PermissionDenied);
}
