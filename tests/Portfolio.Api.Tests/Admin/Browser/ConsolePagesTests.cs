using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin.Browser;

// Every page of the console in both languages: no serious or critical accessibility violation
// (axe-core), and a screenshot of each written to $PORTFOLIO_CONSOLE_SCREENSHOTS when it is set
// (scripts/console-screenshots.sh fills docs/console/ so).
public sealed class ConsolePagesTests(ConsolePagesTests.Showcase showcase) : IClassFixture<ConsolePagesTests.Showcase>
{
    public const string ScreenshotsVariable = "PORTFOLIO_CONSOLE_SCREENSHOTS";

    private const string Password = "console password 8";

    public static TheoryData<string, string> Pages()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in new[] { "fa", "en" })
        {
            foreach (var page in Showcase.Paths.Keys)
            {
                data.Add(page, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_serious_accessibility_violation(string page, string language)
    {
        var ids = await showcase.IdsAsync();
        var browser = await showcase.NewPageAsync(language);
        if (page != "signin")
        {
            await browser.SignInAsync(showcase.Admin!.Username, Password);
            await browser.Page.WaitForURLAsync("**/admin");
        }

        var response = await browser.Page.GotoAsync(Showcase.Paths[page](ids));

        Assert.Equal(200, response!.Status);
        Assert.Equal(language == "fa" ? "rtl" : "ltr", await browser.Page.GetAttributeAsync("html", "dir"));
        await browser.AssertAccessibleAsync();
        if (Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } folder)
        {
            await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{page}.{language}.png"), FullPage = true });
        }
    }

    // A small portfolio to look at: Persian employers with logos, one without, an unused image.
    public sealed class Showcase : ConsoleServer
    {
        public static readonly Dictionary<string, Func<ShowcaseIds, string>> Paths = new()
        {
            ["signin"] = _ => "/admin/signin",
            ["employers"] = _ => "/admin/employers",
            ["employers-search"] = _ => $"/admin/employers?search={Uri.EscapeDataString("كيميا")}",
            ["employer-new"] = _ => "/admin/employers/new",
            ["employer-edit"] = ids => $"/admin/employers/{ids.Employer}",
            ["employer-logo"] = ids => $"/admin/employers/{ids.Employer}/logo",
            ["employer-delete"] = ids => $"/admin/employers/{ids.Employer}/delete",
            ["media"] = _ => "/admin/media",
            ["history"] = _ => "/admin/history",
            ["employer-history"] = ids => $"/admin/employers/{ids.Employer}/history",
            ["users"] = _ => "/admin/users",
            ["user-new"] = _ => "/admin/users/new",
            ["user-edit"] = ids => $"/admin/users/{ids.Staff}",
            ["account"] = _ => "/admin/account",
        };

        private static readonly (string Name, string? Description, double[]? Colour)[] Employers =
        [
            ("همکاران سیستم", "همکاران سیستم شرکتی در زمینه نرم‌افزار است", [11, 92, 173]),
            ("شرکت کیمیا داده", "تحلیل داده برای صنعت پتروشیمی", [27, 107, 47]),
            ("نشر چشمه", "ناشر کتاب‌های ادبی و علوم انسانی", [164, 22, 26]),
            ("کافه بازار", "بازار برنامه‌های اندروید", [240, 165, 0]),
            ("آسیاتک", null, null),
            ("Tapsi", "Ride hailing, Tehran", [91, 44, 111]),
        ];

        private static readonly int[] EmployersPermission = [4222];

        private readonly SemaphoreSlim _once = new(1, 1);
        private ShowcaseIds? _ids;

        public TestUser? Admin { get; private set; }

        public async Task<ShowcaseIds> IdsAsync()
        {
            await _once.WaitAsync();
            try
            {
                return _ids ??= await SeedAsync();
            }
            finally
            {
                _once.Release();
            }
        }

        private async Task<ShowcaseIds> SeedAsync()
        {
            var admin = await CreateUserAsync(Role.Admin, Password);
            // A name as a person has, for the screenshots.
            await WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Username, "sara.ahmadi")));
            Admin = admin with { Username = "sara.ahmadi" };
            var client = ClientWithToken(Admin.Token);
            long? first = null;
            foreach (var (name, description, colour) in Employers)
            {
                long? image = colour is null ? null
                    : (await MediaHttp.UploadOkAsync(client, TestImages.Solid(400, 400, colour).PngsaveBuffer(), $"{name}.png")).GetProperty("id").GetInt64();
                var created = await client.PostAsJsonAsync("/api/portfolios/employers", new { name, description, image });
                created.EnsureSuccessStatusCode();
                first ??= (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
            }

            await MediaHttp.UploadOkAsync(client, TestImages.Jpeg(800, 600), "unused-banner.jpg", "بنر بدون استفاده");
            var renamed = await client.PatchAsJsonAsync($"/api/portfolios/employers/{first}", new { description = "همکاران سیستم، نرم‌افزارهای سازمانی" });
            renamed.EnsureSuccessStatusCode();
            var staff = await client.PostAsJsonAsync("/api/users", new { username = "reza.karimi", password = "a staff password 1", is_staff = true, permissions = EmployersPermission });
            staff.EnsureSuccessStatusCode();
            return new ShowcaseIds(first!.Value, (await staff.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64());
        }
    }

    public sealed record ShowcaseIds(long Employer, long Staff);
}
