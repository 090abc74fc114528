using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin.Browser;

public sealed class ConsoleFlowTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    private const string Password = "console password 1";

    [Fact]
    public async Task A_wrong_password_then_the_right_one_signs_in_to_a_right_to_left_page()
    {
        var user = await console.CreateUserAsync(Role.Staff4222, Password);
        var page = await console.NewPageAsync("fa");

        await page.GotoAsync("/admin");
        await page.GetByLabel("نام کاربری").FillAsync(user.Username);
        await page.GetByLabel("گذرواژه").FillAsync("wrong");
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود" }).ClickAsync();
        Assert.NotNull(await page.QuerySelectorAsync("[role=alert]"));

        await page.GetByLabel("گذرواژه").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "ورود" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        Assert.Equal("rtl", await page.GetAttributeAsync("html", "dir"));

        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id));
    }
}
