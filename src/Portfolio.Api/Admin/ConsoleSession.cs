using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Api.Accounts;

namespace Portfolio.Api.Admin;

// A signed-in console, one per browser. The cookie holds its key; the row is what makes the
// cookie worth anything, so deleting it signs that browser out on every instance.
public sealed class ConsoleSession
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public required byte[] KeyHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

internal sealed class ConsoleSessionConfiguration : IEntityTypeConfiguration<ConsoleSession>
{
    public void Configure(EntityTypeBuilder<ConsoleSession> session)
    {
        session.ToTable("console_sessions");
        session.Property(s => s.KeyHash).HasMaxLength(32);
        session.HasIndex(s => s.KeyHash).IsUnique();
        session.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
