using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Accounts;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// What the database keeps of a token: its hash, when it was last used, when it expires.
public sealed class TokenTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "token test passphrase";

    // Reads the database's own file, which only SQLite has; the code that stores a token is the
    // same on both providers.
    [SqliteFact("reads the SQLite database file byte by byte")]
    public async Task A_key_cannot_be_read_back_from_the_database_file_only_its_SHA_256()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var key = await Login.TokenAsync(api, user.Username, Password);
        var file = ((SqliteTestDatabase)api.Database).Path;

        // SQLite in WAL mode: recent rows may still be in the -wal file beside the database.
        var bytes = new List<byte>();
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            bytes.AddRange(await File.ReadAllBytesAsync(path));
        }

        var stored = bytes.ToArray();
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(key)));
        Assert.Equal(-1, stored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(key.ToUpperInvariant())));
        Assert.NotEqual(-1, stored.AsSpan().IndexOf(SHA256.HashData(Encoding.ASCII.GetBytes(key))));
    }

    [Fact]
    public async Task Tokens_do_not_expire_by_default()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);

        await Login.TokenAsync(api, user.Username, Password);

        Assert.All(await api.WithDbAsync(db => db.Tokens.Where(t => t.UserId == user.Id).Select(t => t.ExpiresAt).ToListAsync()), Assert.Null);
    }
}

// Accounts:TokenLifetime set: each new token carries its expiry, and an expired one is refused.
public sealed class TokenExpiryTests(TokenExpiryTests.Factory api) : IClassFixture<TokenExpiryTests.Factory>
{
    private const string Password = "token test passphrase";

    [Fact]
    public async Task A_token_expires_after_the_configured_lifetime()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var key = await Login.TokenAsync(api, user.Username, Password);
        var client = api.ClientWithToken(key);
        var hash = TokenKeys.Hash(key);
        var token = await api.WithDbAsync(db => db.Tokens.SingleAsync(t => t.KeyHash == hash));

        Assert.Equal(token.CreatedAt + TimeSpan.FromHours(8), token.ExpiresAt);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        await api.WithDbAsync(db => db.Tokens.Where(t => t.Id == token.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddSeconds(-1))));

        await Drf.AssertErrorAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "Invalid token.");
    }

    public sealed class Factory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Accounts:TokenLifetime"] = "08:00:00",
        };
    }
}
