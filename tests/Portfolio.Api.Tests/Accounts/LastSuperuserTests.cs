using System.Net;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// Each test owns a fresh service, so that it knows exactly which superusers exist.
public sealed class LastSuperuserTests : IDisposable
{
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task The_last_active_superuser_cannot_be_demoted_deactivated_or_deleted()
    {
        var admin = await _api.CreateUserAsync(Role.Admin);
        var client = _api.ClientWithToken(admin.Token);

        await Drf.AssertBodyAsync(await client.PatchAsync($"/api/users/{admin.Id}", Drf.Json("""{"is_superuser": false}""")), HttpStatusCode.BadRequest,
            """{"is_superuser": ["The last active superuser cannot give up superuser status."]}""");
        await Drf.AssertBodyAsync(await client.PatchAsync($"/api/users/{admin.Id}", Drf.Json("""{"is_active": false}""")), HttpStatusCode.BadRequest,
            """{"is_active": ["The last active superuser cannot be deactivated."]}""");
        await Drf.AssertBodyAsync(await client.DeleteAsync($"/api/users/{admin.Id}"), HttpStatusCode.BadRequest,
            """{"non_field_errors": ["The last active superuser cannot be deleted."]}""");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task An_inactive_superuser_does_not_count_as_another()
    {
        var admin = await _api.CreateUserAsync(Role.Admin);
        var dormant = await _api.CreateUserAsync(Role.Admin);
        var client = _api.ClientWithToken(admin.Token);
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync($"/api/users/{dormant.Id}", Drf.Json("""{"is_active": false}"""))).StatusCode);

        var response = await client.DeleteAsync($"/api/users/{admin.Id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task With_another_active_superuser_an_admin_may_step_down()
    {
        var admin = await _api.CreateUserAsync(Role.Admin);
        var successor = await _api.CreateUserAsync(Role.Admin);
        var client = _api.ClientWithToken(admin.Token);

        var response = await client.PatchAsync($"/api/users/{admin.Id}", Drf.Json("""{"is_superuser": false}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Drf.AssertErrorAsync(await client.GetAsync("/api/users"), HttpStatusCode.Forbidden, "You do not have permission to perform this action.");
        var successorClient = _api.ClientWithToken(successor.Token);
        Assert.Equal(HttpStatusCode.BadRequest, (await successorClient.DeleteAsync($"/api/users/{successor.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await successorClient.DeleteAsync($"/api/users/{admin.Id}")).StatusCode);
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_superuser()
    {
        var first = await _api.CreateUserAsync(Role.Admin);
        var second = await _api.CreateUserAsync(Role.Admin);

        var responses = await Task.WhenAll(
            _api.ClientWithToken(first.Token).PatchAsync($"/api/users/{second.Id}", Drf.Json("""{"is_superuser": false}""")),
            _api.ClientWithToken(second.Token).PatchAsync($"/api/users/{first.Id}", Drf.Json("""{"is_superuser": false}""")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var superusers = await _api.WithDbAsync(db => Task.FromResult(db.Users.Count(u => u.IsSuperuser && u.IsActive)));
        Assert.Equal(1, superusers);
    }

    public void Dispose() => _api.Dispose();
}
