using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Accounts;
using Portfolio.Api.Employers;
using Portfolio.Api.Media;

namespace Portfolio.Api.Data;

// One model for every provider; each provider's subclass owns its migration set.
public abstract class AppDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();
    public DbSet<UserPermission> UserPermissions => Set<UserPermission>();
    public DbSet<Permission> Permissions => Set<Permission>();
    public DbSet<ApiToken> Tokens => Set<ApiToken>();
    public DbSet<MediaImage> Images => Set<MediaImage>();
    public DbSet<Thumbnail> Thumbnails => Set<Thumbnail>();
    public DbSet<RetiredFile> RetiredFiles => Set<RetiredFile>();
    public DbSet<Employer> Employers => Set<Employer>();
    public DbSet<EmployerTextChange> EmployerTextChanges => Set<EmployerTextChange>();
    public DbSet<SharedCount> SharedCounts => Set<SharedCount>();
    public DbSet<DataGeneration> DataGenerations => Set<DataGeneration>();
    public DbSet<LoginFailure> LoginFailures => Set<LoginFailure>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new UserConfiguration());
        modelBuilder.ApplyConfiguration(new UserPermissionConfiguration());
        modelBuilder.ApplyConfiguration(new PermissionConfiguration());
        modelBuilder.ApplyConfiguration(new ApiTokenConfiguration());
        modelBuilder.ApplyConfiguration(new MediaImageConfiguration());
        modelBuilder.ApplyConfiguration(new ThumbnailConfiguration());
        modelBuilder.ApplyConfiguration(new RetiredFileConfiguration());
        modelBuilder.ApplyConfiguration(new EmployerConfiguration());
        modelBuilder.ApplyConfiguration(new EmployerTextChangeConfiguration());
        modelBuilder.ApplyConfiguration(new SharedCountConfiguration());
        modelBuilder.ApplyConfiguration(new DataGenerationConfiguration());
        modelBuilder.ApplyConfiguration(new LoginFailureConfiguration());
    }
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);
