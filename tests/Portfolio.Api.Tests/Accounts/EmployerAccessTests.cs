using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// The retrieve endpoint against every kind of caller, with DRF's exact answers.
public sealed class EmployerAccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string NotProvided = "Authentication credentials were not provided.";

    private async Task<HttpResponseMessage> RetrieveAsync(string? authorization)
    {
        var employer = await Seed.EmployerAsync(api, $"access {Guid.NewGuid():N}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/portfolios/employers/{employer.Id}");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await api.CreateClient().SendAsync(request);
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string detail)
    {
        await Drf.AssertErrorAsync(response, HttpStatusCode.Unauthorized, detail);
        Assert.Equal("Token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task No_header_is_401_credentials_not_provided() =>
        await AssertUnauthorizedAsync(await RetrieveAsync(null), NotProvided);

    [Fact]
    public async Task Another_scheme_counts_as_no_credentials() =>
        await AssertUnauthorizedAsync(await RetrieveAsync("Bearer abcdef"), NotProvided);

    [Theory]
    [InlineData("Token")]
    [InlineData("token   ")]
    public async Task Token_with_no_key_is_401(string header) =>
        await AssertUnauthorizedAsync(await RetrieveAsync(header), "Invalid token header. No credentials provided.");

    [Fact]
    public async Task Key_with_spaces_is_401() =>
        await AssertUnauthorizedAsync(await RetrieveAsync("Token abc def"), "Invalid token header. Token string should not contain spaces.");

    [Theory]
    [InlineData("Token کلید")]
    [InlineData("Token abcé")]
    [InlineData("Token abc\u007f")]
    public async Task Key_with_non_ASCII_is_401(string header) =>
        await AssertUnauthorizedAsync(await RetrieveAsync(header), "Invalid token header. Token string should not contain invalid characters.");

    [Fact]
    public async Task Unknown_key_is_401_invalid_token() =>
        await AssertUnauthorizedAsync(await RetrieveAsync("Token 0123456789abcdef0123456789abcdef01234567"), "Invalid token.");

    [Fact]
    public async Task Inactive_user_is_401()
    {
        var user = await api.CreateUserAsync(Role.Inactive4222);
        await AssertUnauthorizedAsync(await RetrieveAsync($"Token {user.Token}"), "User inactive or deleted.");
    }

    [Theory]
    [InlineData(Role.Plain)]
    [InlineData(Role.NonStaff4222)]
    [InlineData(Role.Staff)]
    public async Task Authenticated_callers_without_the_right_are_403(Role role)
    {
        var user = await api.CreateUserAsync(role);

        var response = await RetrieveAsync($"Token {user.Token}");

        await Drf.AssertErrorAsync(response, HttpStatusCode.Forbidden, "You do not have permission to perform this action.");
        Assert.Empty(response.Headers.WwwAuthenticate);
    }

    [Theory]
    [InlineData(Role.Staff4222, "Token")]
    [InlineData(Role.Admin, "Token")]
    [InlineData(Role.Staff4222, "token")]
    [InlineData(Role.Admin, "TOKEN")]
    public async Task Staff_holding_4222_and_admins_are_served(Role role, string keyword)
    {
        var user = await api.CreateUserAsync(role);

        var response = await RetrieveAsync($"{keyword} {user.Token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_hashes()
    {
        var user = await api.CreateUserAsync(Role.Staff4222);

        var stored = await api.WithDbAsync(db => Task.FromResult(db.Tokens.Where(t => t.UserId == user.Id).Select(t => t.KeyHash).Single()));

        Assert.Equal(32, stored.Length);
        Assert.True(user.Token.Length * 4 >= 160, "a key carries at least 160 random bits");
        Assert.DoesNotContain(Convert.ToHexStringLower(stored), user.Token, StringComparison.Ordinal);
        Assert.NotEqual(System.Text.Encoding.ASCII.GetBytes(user.Token), stored);
    }
}
