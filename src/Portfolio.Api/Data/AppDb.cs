using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Admin;
using Portfolio.Api.Accounts;
using Portfolio.Api.Audit;
using Portfolio.Api.Employers;
using Portfolio.Api.Media;

namespace Portfolio.Api.Data;

// One model for every provider; each provider's subclass owns its migration set.
public abstract class AppDb(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
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
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainEnds> AuditChain => Set<AuditChainEnds>();
    public DbSet<ConsoleSession> ConsoleSessions => Set<ConsoleSession>();

    // The keys that protect the console's cookies and forms, shared by every instance.
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // A row that the transaction will write, read as it is now and locked until the commit, so
    // that what the change replaces is known (an audit entry's old values). PostgreSQL locks the
    // row FOR UPDATE; SQLite's write transaction already holds the whole database.
    internal virtual IQueryable<Employer> EmployerForUpdate(long id) => Employers.FromSql($"SELECT * FROM employers WHERE id = {id}");

    internal virtual IQueryable<MediaImage> ImageForUpdate(long id) => Images.FromSql($"SELECT * FROM media_images WHERE id = {id}");

    // A new employer's id, drawn before its INSERT, so that the INSERT and its audit entry reach
    // the database together; null where only the INSERT hands ids out (SQLite's AUTOINCREMENT).
    internal virtual IQueryable<long>? NewEmployerIds() => null;

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
        modelBuilder.ApplyConfiguration(new AuditEntryConfiguration());
        modelBuilder.ApplyConfiguration(new AuditChainEndsConfiguration());
        modelBuilder.ApplyConfiguration(new ConsoleSessionConfiguration());
    }
}

public sealed class SqliteAppDb(DbContextOptions<SqliteAppDb> options) : AppDb(options);
