using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// A change to a user takes effect on the tokens they already hold, on the very next request.
public sealed class LiveAccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "the old passphrase";

    private async Task<HttpResponseMessage> AdminPatchAsync(long id, string json) =>
        await (await api.ClientForAsync(Role.Admin)).PatchAsync($"/api/users/{id}", Drf.Json(json));

    private async Task<HttpStatusCode> RetrieveEmployerAsync(HttpClient client)
    {
        var employer = await Seed.EmployerAsync(api, $"live {Guid.NewGuid():N}");
        return (await client.GetAsync($"/api/portfolios/employers/{employer.Id}")).StatusCode;
    }

    [Theory]
    [InlineData("""{"permissions": []}""")]
    [InlineData("""{"is_staff": false}""")]
    public async Task Losing_4222_or_staff_status_answers_403_at_once(string change)
    {
        var user = await api.CreateUserAsync(Role.Staff4222);
        var client = api.ClientWithToken(user.Token);
        Assert.Equal(HttpStatusCode.OK, await RetrieveEmployerAsync(client));

        Assert.Equal(HttpStatusCode.OK, (await AdminPatchAsync(user.Id, change)).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, await RetrieveEmployerAsync(client));
    }

    [Fact]
    public async Task Gaining_4222_as_staff_opens_employers_at_once()
    {
        var user = await api.CreateUserAsync(Role.Staff);
        var client = api.ClientWithToken(user.Token);
        Assert.Equal(HttpStatusCode.Forbidden, await RetrieveEmployerAsync(client));

        Assert.Equal(HttpStatusCode.OK, (await AdminPatchAsync(user.Id, """{"permissions": [4222]}""")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, await RetrieveEmployerAsync(client));
    }

    [Fact]
    public async Task Promotion_to_superuser_opens_the_admin_endpoints_at_once()
    {
        var user = await api.CreateUserAsync(Role.Plain);
        var client = api.ClientWithToken(user.Token);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/users")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await AdminPatchAsync(user.Id, """{"is_superuser": true}""")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await RetrieveEmployerAsync(client));
    }

    [Fact]
    public async Task Deactivation_answers_401_user_inactive_at_once_and_reactivation_restores()
    {
        var user = await api.CreateUserAsync(Role.Staff4222);
        var client = api.ClientWithToken(user.Token);

        Assert.Equal(HttpStatusCode.OK, (await AdminPatchAsync(user.Id, """{"is_active": false}""")).StatusCode);

        await Drf.AssertErrorAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "User inactive or deleted.");
        Assert.Equal(HttpStatusCode.OK, (await AdminPatchAsync(user.Id, """{"is_active": true}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Deletion_answers_401_invalid_token_at_once()
    {
        var user = await api.CreateUserAsync(Role.Staff4222);
        var client = api.ClientWithToken(user.Token);

        Assert.Equal(HttpStatusCode.NoContent, (await (await api.ClientForAsync(Role.Admin)).DeleteAsync($"/api/users/{user.Id}")).StatusCode);

        await Drf.AssertErrorAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "Invalid token.");
    }

    [Fact]
    public async Task A_new_password_revokes_every_token_of_that_user_and_only_the_new_one_logs_in()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var bystander = await api.CreateUserAsync(Role.Staff4222);
        var tokens = new[] { user.Token, await Login.TokenAsync(api, user.Username, Password), await Login.TokenAsync(api, user.Username, Password) };

        Assert.Equal(HttpStatusCode.OK, (await AdminPatchAsync(user.Id, """{"password": "the new passphrase"}""")).StatusCode);

        foreach (var token in tokens)
        {
            await Drf.AssertErrorAsync(await api.ClientWithToken(token).GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized, "Invalid token.");
        }

        Assert.Equal(HttpStatusCode.OK, (await api.ClientWithToken(bystander.Token).GetAsync("/api/auth/me")).StatusCode);
        var refused = await Login.PostAsync(api, Login.Body(user.Username, Password));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        await Login.TokenAsync(api, user.Username, "the new passphrase");
    }
}
