using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;
using Portfolio.Api.Media;
using Portfolio.Api.Media.Storage;

namespace Portfolio.Api.Tests.TestHost;

// One service on its own database (a SQLite file, or with PORTFOLIO_TEST_DATABASE=postgres a
// PostgreSQL database) and its own media (a folder, or with PORTFOLIO_TEST_STORAGE=s3 a bucket of
// the shared moto_server). Tests share a factory per class but each creates the users and rows it
// reads, so no test depends on another's data.
public class ApiFactory : WebApplicationFactory<Program>
{
    // A code outside the catalog that GET /api/permissions serves, inserted straight into the
    // database so that "staff holding another code" can exist.
    public const int OtherPermissionCode = 9001;

    public const string StorageVariable = "PORTFOLIO_TEST_STORAGE";

    private readonly DirectoryInfo _root;
    private readonly bool _ownsRoot;
    private readonly Lazy<IReadOnlyDictionary<string, string?>> _storage;
    private bool _disposed;

    public ApiFactory()
        : this(StorageOfThisRun())
    {
    }

    // A service on a database of the test's own choosing, e.g. on a cluster the test stops.
    protected ApiFactory(TestDatabase database)
        : this(StorageOfThisRun(), database)
    {
    }

    // Media in a new bucket of the given endpoint, or (null) in a folder of this factory's own.
    protected ApiFactory(Func<Task<MotoServer>>? s3, TestDatabase? database = null)
    {
        _root = Directory.CreateTempSubdirectory("portfolio-tests-");
        _ownsRoot = true;
        var root = _root.FullName;
        Database = database ?? TestDatabase.Create(root);

        // On first use, so that a class whose S3 tests are skipped never needs moto.
        _storage = new(() => s3 is null
            ? new Dictionary<string, string?> { ["Media:Root"] = Path.Combine(root, "media") }
            : Task.Run(async () =>
            {
                var moto = await s3();
                return moto.StorageSettings(await moto.CreateBucketAsync());
            }).GetAwaiter().GetResult());
    }

    // Another instance of the service on the same database and media, as behind a proxy.
    protected ApiFactory(ApiFactory sameDataAs)
    {
        _root = sameDataAs._root;
        _ownsRoot = false;
        _storage = sameDataAs._storage;
        Database = sameDataAs.Database;
    }

    public static bool IsS3Run => string.Equals(Environment.GetEnvironmentVariable(StorageVariable), "s3", StringComparison.OrdinalIgnoreCase);

    public bool IsS3 => Bucket is not null;

    public string? Bucket => Storage.GetValueOrDefault("Media:S3:Bucket");

    // The media folder; null when the media are in a bucket.
    public string? MediaRoot => Storage.GetValueOrDefault("Media:Root");

    // Where the `f` URLs of this service point.
    public string MediaBaseUrl => Storage.GetValueOrDefault("Media:PublicBaseUrl") ?? "http://localhost/media";

    public TestDatabase Database { get; }

    public string Folder => _root.FullName;

    // The SQLite file, for what only the SQLite profile can check; null on PostgreSQL.
    public string? DatabasePath => (Database as SqliteTestDatabase)?.Path;

    public IFileStore Store => Services.GetRequiredService<IFileStore>();

    // This service's configuration as the environment of a management command run against its data.
    public IReadOnlyDictionary<string, string?> CommandEnvironment
    {
        get
        {
            var environment = Database.ServiceEnvironment.ToDictionary(e => e.Key, e => (string?)e.Value);
            foreach (var (key, value) in Storage.Concat(Settings))
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            return environment;
        }
    }

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    private IReadOnlyDictionary<string, string?> Storage => _storage.Value;

    private static Func<Task<MotoServer>>? StorageOfThisRun() => IsS3Run ? MotoServer.SharedAsync : null;

    public virtual ApiFactory SecondInstance() => new(this);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("Bootstrap:Admin", "false");
        foreach (var (key, value) in Storage.Concat(Settings))
        {
            builder.UseSetting(key, value);
        }
    }

    // Every stored media file's key, as the store lists them.
    public Task<IReadOnlyList<string>> StoredKeysAsync() => KeysInAsync(Store);

    public static async Task<IReadOnlyList<string>> KeysInAsync(IFileStore store)
    {
        var keys = new List<string>();
        await foreach (var file in store.ListAsync(StoredName.Folder, CancellationToken.None))
        {
            keys.Add(file.Key);
        }

        return keys;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public Task WithDbAsync(Func<AppDb, Task> work) => WithDbAsync(async db =>
    {
        await work(db);
        return true;
    });

    // A user of the given role with a real token, made through the same code the command line
    // uses. Without a password the user cannot log in, which saves hashing one.
    public async Task<TestUser> CreateUserAsync(Role role, string? password = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var user = new User
        {
            Username = $"{role}-{Guid.NewGuid():N}"[..30],
            IsStaff = role is Role.Staff or Role.StaffOtherCode or Role.Staff4222 or Role.Inactive4222,
            IsSuperuser = role is Role.Admin,
            IsActive = role is not Role.Inactive4222,
            DateJoined = DateTime.UtcNow,
        };
        if (role is Role.NonStaff4222 or Role.Staff4222 or Role.Inactive4222)
        {
            user.Permissions.Add(new UserPermission { Code = PermissionCodes.PortfolioEmployer });
        }

        if (role is Role.StaffOtherCode)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO permissions (code, name) VALUES ({OtherPermissionCode}, 'OtherPermission') ON CONFLICT DO NOTHING");
            user.Permissions.Add(new UserPermission { Code = OtherPermissionCode });
        }

        if (password is not null)
        {
            user.PasswordHash = scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>().HashPassword(user, password);
        }

        db.Users.Add(user);
        await db.SaveChangesAsync();
        var key = await scope.ServiceProvider.GetRequiredService<AccountStore>().IssueTokenAsync(user, CancellationToken.None);
        return new TestUser(user.Id, user.Username, key);
    }

    public async Task<HttpClient> ClientForAsync(Role role) =>
        role == Role.Anonymous ? CreateClient() : ClientWithToken((await CreateUserAsync(role)).Token);

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        // WebApplicationFactory may call this more than once.
        if (disposing && _ownsRoot && !_disposed)
        {
            _disposed = true;
            Database.Dispose();
            if (Directory.Exists(_root.FullName))
            {
                _root.Delete(recursive: true);
            }
        }
    }
}

public enum Role
{
    Anonymous,
    Plain,
    NonStaff4222,
    Staff,
    StaffOtherCode,
    Staff4222,
    Admin,
    Inactive4222,
}

public sealed record TestUser(long Id, string Username, string Token);
