using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portfolio.Api.Tests.Admin.Browser;

// One person's browser on the console in one language, with the steps a person takes.
internal sealed class ConsolePage(IPage page, string language)
{
    public IPage Page => page;

    public string T(string key, params object[] values) => ConsoleText.Get(language, key, values);

    public ILocator Button(string key, params object[] values) => page.GetByRole(AriaRole.Button, new() { Name = T(key, values), Exact = true });

    public ILocator Link(string key) => page.GetByRole(AriaRole.Link, new() { Name = T(key), Exact = true });

    public ILocator Field(string key) => page.GetByLabel(T(key), new() { Exact = true });

    public async Task SignInAsync(string username, string password)
    {
        await page.GotoAsync("/admin/signin");
        await Field("Username").FillAsync(username);
        await Field("Password").FillAsync(password);
        await Button("SignIn").ClickAsync();
    }

    // Presses Tab until the element is focused, as a keyboard user moves through the page; fails
    // when it cannot be reached.
    public async Task TabToAsync(string selector, int limit = 40)
    {
        for (var i = 0; i < limit; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        Assert.Fail($"{selector} is not reachable with the Tab key on {page.Url}");
    }

    public async Task AssertAccessibleAsync()
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {string.Join(", ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url} in {language}: {string.Join("; ", serious)}");
    }
}
