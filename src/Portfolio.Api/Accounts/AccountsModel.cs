using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portfolio.Api.Accounts;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.Property(u => u.Username).HasMaxLength(150);
        user.HasIndex(u => u.Username).IsUnique();
        user.Property(u => u.PasswordHash).HasMaxLength(200);
        user.HasMany(u => u.Permissions).WithOne().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        user.HasMany(u => u.Tokens).WithOne(t => t.User).HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserPermissionConfiguration : IEntityTypeConfiguration<UserPermission>
{
    public void Configure(EntityTypeBuilder<UserPermission> grant)
    {
        grant.ToTable("user_permissions");
        grant.HasKey(p => new { p.UserId, p.Code });
        grant.HasOne<Permission>().WithMany().HasForeignKey(p => p.Code).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PermissionConfiguration : IEntityTypeConfiguration<Permission>
{
    public void Configure(EntityTypeBuilder<Permission> permission)
    {
        permission.ToTable("permissions");
        permission.HasKey(p => p.Code);
        permission.Property(p => p.Code).ValueGeneratedNever();
        permission.Property(p => p.Name).HasMaxLength(100);
        permission.HasData(PermissionCodes.All.Select(p => new Permission { Code = p.Code, Name = p.Name }));
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> token)
    {
        token.ToTable("auth_tokens");
        token.Property(t => t.KeyHash).HasMaxLength(32);
        token.HasIndex(t => t.KeyHash).IsUnique();
    }
}
