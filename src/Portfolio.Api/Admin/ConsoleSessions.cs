using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Admin;

// The cookie handler's server-side store: the cookie carries a session key, and each request
// reads the session's user as the database has it now, so that a deactivated user, a revoked
// permission or a sign-out elsewhere takes effect on the next page, on every instance.
internal sealed class ConsoleSessions(TimeSpan lifetime) : ITicketStore
{
    private const string SessionKey = "console_session";

    // On every console request, as the token handler's own lookup is on every API request.
    private static readonly Func<AppDb, byte[], DateTime, CancellationToken, Task<TokenOwner?>> FindOwner =
        EF.CompileAsyncQuery((AppDb db, byte[] hash, DateTime now, CancellationToken ct) => db.ConsoleSessions
            .Where(s => s.KeyHash == hash && s.ExpiresAt > now && s.User.IsActive)
            .Select(s => new TokenOwner(
                s.Id, s.UserId, s.User.Username, s.User.IsActive, s.User.IsStaff, s.User.IsSuperuser, s.ExpiresAt, null,
                s.User.Permissions.Select(p => p.Code).ToList()))
            .FirstOrDefault());

    public Task<string> StoreAsync(AuthenticationTicket ticket) => throw new NotSupportedException("The store needs the request's services.");

    public Task RenewAsync(string key, AuthenticationTicket ticket) => throw new NotSupportedException("The store needs the request's services.");

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => throw new NotSupportedException("The store needs the request's services.");

    public Task RemoveAsync(string key) => throw new NotSupportedException("The store needs the request's services.");

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext http, CancellationToken ct)
    {
        var key = TokenKeys.NewKey();
        var now = Timestamps.UtcNow(http.RequestServices.GetRequiredService<TimeProvider>());
        var db = http.RequestServices.GetRequiredService<AppDb>();
        db.Add(new ConsoleSession
        {
            UserId = ticket.Principal.UserId(),
            KeyHash = TokenKeys.Hash(key),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(ct);
        return key;
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext http, CancellationToken ct)
    {
        var db = http.RequestServices.GetRequiredService<AppDb>();
        var now = Timestamps.UtcNow(http.RequestServices.GetRequiredService<TimeProvider>());
        var hash = TokenKeys.Hash(key);
        var owner = await FindOwner(db, hash, now, ct);
        if (owner is null)
        {
            return null;
        }

        var principal = owner.ToPrincipal(CookieAuthenticationDefaults.AuthenticationScheme);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionKey, key));
        var properties = new AuthenticationProperties { ExpiresUtc = DateTime.SpecifyKind(owner.ExpiresAt!.Value, DateTimeKind.Utc), AllowRefresh = false };
        return new AuthenticationTicket(principal, properties, AdminAuth.Scheme);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext http, CancellationToken ct) => Task.CompletedTask;

    public Task RemoveAsync(string key, HttpContext http, CancellationToken ct)
    {
        var hash = TokenKeys.Hash(key);
        return http.RequestServices.GetRequiredService<AppDb>().ConsoleSessions.Where(s => s.KeyHash == hash).ExecuteDeleteAsync(ct);
    }
}
