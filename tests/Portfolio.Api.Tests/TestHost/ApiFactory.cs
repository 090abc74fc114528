using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;

namespace Portfolio.Api.Tests.TestHost;

// One service on its own database (a SQLite file, or a PostgreSQL database under that profile)
// and media folder. Tests share a factory per class but each creates the users and rows it reads,
// so no test depends on another's data.
public class ApiFactory : WebApplicationFactory<Program>
{
    // A code outside the catalog that GET /api/permissions serves, inserted straight into the
    // database so that "staff holding another code" can exist.
    public const int OtherPermissionCode = 9001;

    private readonly DirectoryInfo _root;
    private readonly bool _owns;
    private bool _disposed;

    public ApiFactory()
        : this(Directory.CreateTempSubdirectory("portfolio-tests-"), database: null, owns: true)
    {
    }

    // A service on a database of the test's own choosing, e.g. on a cluster the test stops.
    protected ApiFactory(TestDatabase database)
        : this(Directory.CreateTempSubdirectory("portfolio-tests-"), database, owns: true)
    {
    }

    private ApiFactory(DirectoryInfo root, TestDatabase? database, bool owns)
    {
        _root = root;
        _owns = owns;
        Database = database ?? TestDatabase.Create(root.FullName);
    }

    // A second instance of the service on the same database and media folder, as behind a proxy.
    public ApiFactory SecondInstance() => new(_root, Database, owns: false);

    public TestDatabase Database { get; }

    public string Folder => _root.FullName;

    public string MediaRoot => Path.Combine(_root.FullName, "media");

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Default", Database.ConnectionString);
        builder.UseSetting("Media:Root", MediaRoot);
        builder.UseSetting("Bootstrap:Admin", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
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
        if (disposing && _owns && !_disposed)
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
