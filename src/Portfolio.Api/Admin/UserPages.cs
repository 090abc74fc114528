using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;

namespace Portfolio.Api.Admin;

// The console's reads of users and tokens: users as GET /api/users shows them (its projection and
// order), tokens by what the table holds about them, never a key (it holds none, only a hash).
internal sealed class UserPages(AppDb db)
{
    public const int PageSize = 20;

    public async Task<UserPage> ReadAsync(int page, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking().OrderBy(u => u.Id);
        var count = await users.CountAsync(ct);
        var (pages, number) = PageNumbers.Of(count, PageSize, page);
        var rows = await users.Skip((number - 1) * PageSize).Take(PageSize).Select(UserResponse.Projection).ToListAsync(ct);
        return new UserPage(count, pages, number, rows);
    }

    public Task<UserResponse?> FindAsync(long id, CancellationToken ct) => UserResponse.FindAsync(db, id, ct);

    public Task<List<TokenRow>> TokensAsync(long userId, CancellationToken ct) =>
        db.Tokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.Id)
            .Select(t => new TokenRow(t.Id, t.CreatedAt, t.LastUsedAt, t.ExpiresAt)).ToListAsync(ct);
}

internal sealed record UserPage(int Count, int Pages, int Number, List<UserResponse> Rows);

internal sealed record TokenRow(long Id, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? ExpiresAt);
