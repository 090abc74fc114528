using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin.Browser;

// A person at the console in Chromium: what they click, type and see.
public sealed class ConsoleFlowTests(ConsoleServer console) : IClassFixture<ConsoleServer>
{
    private const string Password = "console password 1";

    private async Task<ConsolePage> SignedInAsync(string language, Role role = Role.Staff4222)
    {
        var user = await console.CreateUserAsync(role, Password);
        var browser = await console.NewPageAsync(language);
        await browser.SignInAsync(user.Username, Password);
        await browser.Page.WaitForURLAsync("**/admin");
        return browser;
    }

    [Fact]
    public async Task A_wrong_password_then_the_right_one_signs_in_to_a_right_to_left_page()
    {
        var user = await console.CreateUserAsync(Role.Staff4222, Password);
        var browser = await console.NewPageAsync("fa");

        await browser.SignInAsync(user.Username, "wrong password");
        Assert.Equal(browser.T("BadCredentials"), await browser.Page.GetByRole(AriaRole.Alert).InnerTextAsync());
        Assert.Equal(user.Username, await browser.Field("Username").InputValueAsync());

        await browser.Field("Password").FillAsync(Password);
        await browser.Button("SignIn").ClickAsync();
        await browser.Page.WaitForURLAsync("**/admin");
        Assert.Equal("rtl", await browser.Page.GetAttributeAsync("html", "dir"));
        Assert.Equal("fa", await browser.Page.GetAttributeAsync("html", "lang"));
        Assert.Equal(user.Username, await browser.Page.Locator(".who").InnerTextAsync());
    }

    [Fact]
    public async Task An_employer_is_created_with_a_Persian_name_given_a_logo_edited_found_by_its_Arabic_spelling_and_deleted()
    {
        var browser = await SignedInAsync("fa");
        var page = browser.Page;
        var tag = Guid.NewGuid().ToString("N")[..8];

        await browser.Link("NewEmployer").ClickAsync();
        await browser.Field("Name").FillAsync($"شرکت کیمیا {tag}");
        await browser.Field("Description").FillAsync("نرم‌افزار و داده");
        await browser.Button("Create").ClickAsync();
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = browser.T("Saved") }).WaitForAsync();
        var id = long.Parse(Regex.Match(page.Url, @"/admin/employers/(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await browser.Link("Logo").ClickAsync();
        await browser.Field("ChooseLogo").SetInputFilesAsync(new FilePayload { Name = "kimia.png", MimeType = "image/png", Buffer = TestImages.Png(640, 480) });
        await browser.Button("Upload").ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await AssertFourThumbnailsShownAsync(page);

        await browser.Link("Back").ClickAsync();
        await browser.Field("Name").FillAsync($"شرکت کیمیای نو {tag}");
        await browser.Button("Save").ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();

        await page.GotoAsync("/admin/employers");
        await browser.Field("Search").FillAsync($"شركت كيمياي {tag}");
        await browser.Button("Find").ClickAsync();
        var found = page.GetByRole(AriaRole.Link, new() { Name = $"شرکت کیمیای نو {tag}" });
        Assert.Equal(1, await found.CountAsync());
        Assert.Equal(1, await page.Locator("tbody tr img").CountAsync());

        await found.ClickAsync();
        await browser.Link("Delete").ClickAsync();
        await browser.Button("Delete").ClickAsync();
        await page.WaitForURLAsync("**/admin/employers");
        Assert.False(await console.WithDbAsync(db => db.Employers.AnyAsync(e => e.Id == id)));
    }

    [Fact]
    public async Task A_logo_dropped_on_the_page_is_previewed_then_uploaded()
    {
        var browser = await SignedInAsync("en");
        var employer = await Seed.EmployerAsync(console, $"Dropped logo {Guid.NewGuid():N}");
        var page = browser.Page;
        await page.GotoAsync($"/admin/employers/{employer.Id}/logo");

        // What a drop from the file manager delivers: a DataTransfer holding the file.
        var bytes = Convert.ToBase64String(TestImages.Jpeg(300, 300));
        await page.EvaluateAsync(
            """
            base64 => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], "dropped.jpg", { type: "image/jpeg" }));
              document.querySelector(".dropzone").dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
            }
            """, bytes);
        await page.Locator(".dropzone .preview:not([hidden])").WaitForAsync();
        Assert.Equal("dropped.jpg", await page.EvaluateAsync<string>("() => document.querySelector('#file').files[0].name"));

        await browser.Button("Upload").ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await AssertFourThumbnailsShownAsync(page);
        Assert.Equal("dropped.jpg", await console.WithDbAsync(db => db.Employers.Where(e => e.Id == employer.Id).Select(e => e.Image!.Name).SingleAsync()));
    }

    [Fact]
    public async Task An_employer_is_created_with_the_keyboard_alone()
    {
        var user = await console.CreateUserAsync(Role.Staff4222, Password);
        var browser = await console.NewPageAsync("fa");
        var page = browser.Page;
        var name = $"کارفرمای صفحه‌کلید {Guid.NewGuid():N}";

        await page.GotoAsync("/admin/signin");
        await browser.TabToAsync("#username");
        await page.Keyboard.TypeAsync(user.Username);
        await browser.TabToAsync("#password");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/admin");

        await browser.TabToAsync("a[href='/admin/employers/new']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/admin/employers/new");
        await browser.TabToAsync("#name");
        await page.Keyboard.TypeAsync(name);
        await browser.TabToAsync("#description");
        await page.Keyboard.TypeAsync("با صفحه‌کلید");
        await browser.TabToAsync("button[type=submit]:not(.bar button)");
        await page.Keyboard.PressAsync("Enter");

        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.True(await console.WithDbAsync(db => db.Employers.AnyAsync(e => e.Name == name)));
    }

    [Fact]
    public async Task An_admin_creates_a_staff_user_with_4222_who_then_signs_in_and_manages_employers()
    {
        var admin = await SignedInAsync("en", Role.Admin);
        var page = admin.Page;
        var username = $"staff-{Guid.NewGuid():N}"[..20];
        const string staffPassword = "a new staff password 2";

        await admin.Link("Users").ClickAsync();
        await admin.Link("NewUser").ClickAsync();
        await admin.Field("Username").FillAsync(username);
        await admin.Field("Password").FillAsync(staffPassword);
        await admin.Field("Staff").CheckAsync();
        await admin.Field("EmployersPermission").CheckAsync();
        await admin.Button("Create").ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();

        var staff = await console.NewPageAsync("fa");
        await staff.SignInAsync(username, staffPassword);
        await staff.Page.WaitForURLAsync("**/admin");
        Assert.Equal(0, await staff.Link("Users").CountAsync());
        await staff.Link("NewEmployer").ClickAsync();
        var name = $"کارفرمای کارمند تازه {Guid.NewGuid():N}";
        await staff.Field("Name").FillAsync(name);
        await staff.Button("Create").ClickAsync();
        await staff.Page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Equal(username, await console.WithDbAsync(db => db.AuditEntries.Where(e => e.ObjectType == "employer" && e.ObjectName == name).Select(e => e.Actor).SingleAsync()));
    }

    [Fact]
    public async Task Staff_without_permission_4222_are_told_they_have_no_access()
    {
        var user = await console.CreateUserAsync(Role.Staff, Password);
        var browser = await console.NewPageAsync("en");

        await browser.SignInAsync(user.Username, Password);

        Assert.Equal(browser.T("NoAccess"), await browser.Page.GetByRole(AriaRole.Alert).InnerTextAsync());
        await browser.Page.GotoAsync("/admin/employers");
        Assert.EndsWith("/admin/signin?returnUrl=%2Fadmin%2Femployers", browser.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_sent_without_its_antiforgery_token_is_refused_and_saves_nothing()
    {
        var browser = await SignedInAsync("en");
        var page = browser.Page;
        var name = $"Forged {Guid.NewGuid():N}";
        await page.GotoAsync("/admin/employers/new");

        await page.EvaluateAsync("() => document.querySelectorAll('input[name=__RequestVerificationToken]').forEach(i => i.remove())");
        await browser.Field("Name").FillAsync(name);
        var response = await page.RunAndWaitForResponseAsync(() => browser.Button("Create").ClickAsync(), r => r.Request.Method == "POST");

        Assert.Equal(400, response.Status);
        Assert.Equal(browser.T("ErrorBadRequest"), await page.Locator("h1").InnerTextAsync());
        Assert.False(await console.WithDbAsync(db => db.Employers.AnyAsync(e => e.Name == name)));
    }

    [Fact]
    public async Task After_sign_out_the_back_button_shows_the_sign_in_page()
    {
        var browser = await SignedInAsync("en");
        var page = browser.Page;
        var employer = await Seed.EmployerAsync(console, $"Seen before sign-out {Guid.NewGuid():N}");
        await page.GotoAsync($"/admin/employers/{employer.Id}");

        await browser.Button("SignOut").ClickAsync();
        await page.WaitForURLAsync("**/admin/signin");
        await page.GoBackAsync();

        Assert.Contains("/admin/signin", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.GetByText(employer.Name).CountAsync());
        await browser.Field("Username").WaitForAsync();
    }

    private static async Task AssertFourThumbnailsShownAsync(IPage page)
    {
        var images = page.Locator(".thumbnails img");
        Assert.Equal(4, await images.CountAsync());
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.thumbnails img')].every(i => i.complete)");
        var widths = await page.EvaluateAsync<int[]>("() => [...document.querySelectorAll('.thumbnails img')].map(i => i.naturalWidth)");
        Assert.All(widths, width => Assert.True(width > 0, "a thumbnail did not load"));
    }
}
