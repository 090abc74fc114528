using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Api.Data;

namespace Portfolio.Api.Accounts;

// Failed logins per throttle key ("u:<username>", "a:<address>") in a fixed window that starts at
// the key's first failure. Kept in the database so that every instance counts the same failures.
// No data-generation trigger: nothing an answer is made of lives here (docs/design.md).
public sealed class LoginFailure
{
    public const int KeyMaxLength = 160;

    public required string Key { get; set; }
    public DateTime WindowStart { get; set; }
    public int Failures { get; set; }
}

internal sealed class LoginFailureConfiguration : IEntityTypeConfiguration<LoginFailure>
{
    public void Configure(EntityTypeBuilder<LoginFailure> failure)
    {
        failure.ToTable("login_failures");
        failure.HasKey(f => f.Key);
        failure.Property(f => f.Key).HasMaxLength(LoginFailure.KeyMaxLength);

        // Expired windows are deleted by their start.
        failure.HasIndex(f => f.WindowStart);
    }
}

internal static class LoginFailures
{
    // The failures counted in windows that began after `windowOpenedAfter`, that is, still open.
    public static Task<List<LoginFailure>> OpenAsync(AppDb db, IReadOnlyList<string> keys, DateTime windowOpenedAfter, CancellationToken ct) =>
        db.LoginFailures.AsNoTracking().Where(f => keys.Contains(f.Key) && f.WindowStart > windowOpenedAfter).ToListAsync(ct);

    // One atomic statement per key, so that instances failing at once never lose a count: a new
    // key or an expired window starts at 1, an open window goes up by 1. SQLite and PostgreSQL
    // both read this upsert the same way. Expired windows are dropped on the way.
    public static async Task CountAsync(AppDb db, IReadOnlyList<string> keys, DateTime now, DateTime windowOpenedAfter, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO login_failures ("key", window_start, failures) VALUES ({key}, {now}, 1)
                ON CONFLICT ("key") DO UPDATE SET
                    failures = CASE WHEN login_failures.window_start > {windowOpenedAfter} THEN login_failures.failures + 1 ELSE 1 END,
                    window_start = CASE WHEN login_failures.window_start > {windowOpenedAfter} THEN login_failures.window_start ELSE {now} END
                """,
                ct);
        }

        await db.LoginFailures.Where(f => f.WindowStart <= windowOpenedAfter).ExecuteDeleteAsync(ct);
    }
}
