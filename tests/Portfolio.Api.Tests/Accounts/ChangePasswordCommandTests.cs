using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// `changepassword USERNAME`: the new password twice on standard input (as a pipe gives it).
public sealed class ChangePasswordCommandTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string OldPassword = "the old passphrase";
    private const string NewPassword = "a brand new passphrase";

    private async Task<HttpStatusCode> MeAsync(string token) => (await api.ClientWithToken(token).GetAsync("/api/auth/me")).StatusCode;

    [Fact]
    public async Task It_sets_the_password_and_revokes_every_token_of_the_user()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, OldPassword);
        var other = await Login.TokenAsync(api, user.Username, OldPassword);

        var result = await ManagementCommand.RunAsync(api, $"{NewPassword}\n{NewPassword}\n", "changepassword", user.Username);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"Password changed successfully for user '{user.Username}'", result.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(user.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(other));
        Assert.Equal(HttpStatusCode.BadRequest, (await Login.PostAsync(api, Login.Body(user.Username, OldPassword))).StatusCode);
        await Login.TokenAsync(api, user.Username, NewPassword);
    }

    [Theory]
    [InlineData($"{NewPassword}\nsomething else\n", "Error: Your passwords didn't match.")]
    [InlineData("1234\n1234\n", "This password is too short. It must contain at least 8 characters. This password is entirely numeric.")]
    [InlineData("", "No input.")]
    public async Task A_refused_password_fails_with_the_reason_and_changes_nothing(string input, string reason)
    {
        var user = await api.CreateUserAsync(Role.Plain, OldPassword);

        var result = await ManagementCommand.RunAsync(api, input, "changepassword", user.Username);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(reason, result.Error.Trim());
        Assert.Equal(HttpStatusCode.OK, await MeAsync(user.Token));
        await Login.TokenAsync(api, user.Username, OldPassword);
    }

    [Fact]
    public async Task An_unknown_user_fails_with_a_one_line_reason()
    {
        var result = await ManagementCommand.RunAsync(api, $"{NewPassword}\n{NewPassword}\n", "changepassword", "nobody-at-all");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("User 'nobody-at-all' does not exist.", result.Error.Trim());
    }
}
