using System.Net;
using System.Security.Cryptography;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// A bad token must cost no more than a good one: an unknown key is looked up once and then
// remembered until the data changes, a malformed one is never looked up, and neither memory ever
// refuses a good key.
public sealed class BadTokenTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "bad token passphrase";
    private const string TokenLookup = "auth_tokens";
    private const int Repeats = 20;

    private async Task<int> LookupsWhileAsync(string key)
    {
        var client = api.ClientWithToken(key);
        using var log = await SqlCommandLog.OpenAsync(api);
        for (var i = 0; i < Repeats; i++)
        {
            await Drf.AssertErrorAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "Invalid token.");
        }

        return log.Count(TokenLookup);
    }

    [Fact]
    public async Task An_unknown_key_sent_again_and_again_is_looked_up_once_until_the_data_changes()
    {
        var lookups = await LookupsWhileAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)));

        // Two at most: a change elsewhere may start a new generation once during the run.
        Assert.InRange(lookups, 1, 2);
    }

    [Theory]
    [InlineData("not-a-key")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcde")]
    public async Task A_key_that_no_token_can_have_is_never_looked_up(string key)
    {
        Assert.Equal(0, await LookupsWhileAsync(key));
    }

    [Fact]
    public async Task A_revoked_key_stays_refused_and_a_new_token_of_the_same_user_works_at_once()
    {
        var user = await api.CreateUserAsync(Role.Plain, Password);
        var old = api.ClientWithToken(user.Token);
        Assert.True((await old.DeleteAsync("/api/auth/token")).IsSuccessStatusCode);
        await Drf.AssertErrorAsync(await old.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "Invalid token.");

        var fresh = api.ClientWithToken(await Login.TokenAsync(api, user.Username, Password));

        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/auth/me")).StatusCode);
        await Drf.AssertErrorAsync(await old.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "Invalid token.");
    }
}
