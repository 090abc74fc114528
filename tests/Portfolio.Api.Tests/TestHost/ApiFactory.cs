using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Api.Accounts;
using Portfolio.Api.Data;

namespace Portfolio.Api.Tests.TestHost;

// One service on its own SQLite file and media folder. Tests share a factory per class but each
// creates the users and rows it reads, so no test depends on another's data.
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly DirectoryInfo _root;
    private readonly bool _ownsRoot;

    public ApiFactory()
        : this(Directory.CreateTempSubdirectory("portfolio-tests-"), ownsRoot: true)
    {
    }

    private ApiFactory(DirectoryInfo root, bool ownsRoot)
    {
        _root = root;
        _ownsRoot = ownsRoot;
    }

    // A second instance of the service on the same database and media folder, as behind a proxy.
    public ApiFactory SecondInstance() => new(_root, ownsRoot: false);

    public string MediaRoot => Path.Combine(_root.FullName, "media");

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Default", $"Data Source={Path.Combine(_root.FullName, "portfolio.db")}");
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

    // A user of the given role with a real token, made through the same code the command line uses.
    public async Task<TestUser> CreateUserAsync(Role role)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var user = new User
        {
            Username = $"{role}-{Guid.NewGuid():N}"[..30],
            IsStaff = role is Role.Staff or Role.Staff4222 or Role.Inactive4222,
            IsSuperuser = role is Role.Admin,
            IsActive = role is not Role.Inactive4222,
            DateJoined = DateTime.UtcNow,
        };
        if (role is Role.NonStaff4222 or Role.Staff4222 or Role.Inactive4222)
        {
            user.Permissions.Add(new UserPermission { Code = PermissionCodes.PortfolioEmployer });
        }

        db.Users.Add(user);
        await db.SaveChangesAsync();
        var key = await scope.ServiceProvider.GetRequiredService<AccountStore>().IssueTokenAsync(user, CancellationToken.None);
        return new TestUser(user.Id, user.Username, key);
    }

    public async Task<HttpClient> ClientForAsync(Role role)
    {
        var client = CreateClient();
        if (role != Role.Anonymous)
        {
            var user = await CreateUserAsync(role);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", user.Token);
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsRoot && Directory.Exists(_root.FullName))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _root.Delete(recursive: true);
        }
    }
}

public enum Role
{
    Anonymous,
    Plain,
    NonStaff4222,
    Staff,
    Staff4222,
    Admin,
    Inactive4222,
}

public sealed record TestUser(long Id, string Username, string Token);
