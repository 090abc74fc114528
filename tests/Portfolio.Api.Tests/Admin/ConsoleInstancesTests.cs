using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

// Behind a proxy, each request of one browser may reach another instance: the session, the
// antiforgery tokens and the sign-out must hold across them.
public sealed class ConsoleInstancesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 9";

    [Fact]
    public async Task A_session_and_a_form_made_on_one_instance_work_on_another_and_a_sign_out_there_ends_it_everywhere()
    {
        using var second = api.SecondInstance();
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var first = new ConsoleBrowser(api, "en");
        await first.SignInAsync(user.Username, Password);
        var elsewhere = first.Copy(second);
        var name = $"Across instances {Guid.NewGuid():N}";

        Assert.Contains(user.Username, await elsewhere.PageAsync("/admin"), StringComparison.Ordinal);
        var form = await first.PageAsync("/admin/employers/new");
        var created = await elsewhere.SubmitAsync("/admin/employers/new", form, "employer", ("Form.Name", name), ("Form.Description", ""));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.True(await api.WithDbAsync(db => db.Employers.AnyAsync(e => e.Name == name)));

        var signedOut = await elsewhere.SubmitAsync("/admin/signout", await first.PageAsync("/admin"), "/admin/signout");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var afterwards = await first.Client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, afterwards.StatusCode);
        Assert.Equal("/admin/signin", afterwards.Headers.Location!.AbsolutePath);
    }
}
