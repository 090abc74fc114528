using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.RegularExpressions;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin;

public sealed partial class ConsoleTextTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "console password 7";

    private static readonly ResourceManager Resources = new("Portfolio.Api.Admin.Text", typeof(Program).Assembly);

    private static Dictionary<string, string> Texts(string culture) =>
        Resources.GetResourceSet(CultureInfo.GetCultureInfo(culture), createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order()];

    [Fact]
    public void Every_English_text_has_a_Persian_one_with_the_same_placeholders()
    {
        var persian = Texts("fa");

        foreach (var (key, english) in Texts(""))
        {
            Assert.True(persian.TryGetValue(key, out var translated), $"no Persian text for {key}");
            Assert.Equal(Placeholders(english), Placeholders(translated));
        }
    }

    [Fact]
    public void Every_translated_API_message_keeps_the_numbers_of_its_English_sentence()
    {
        var english = Texts("");

        foreach (var (key, translated) in Texts("fa").Where(t => !english.ContainsKey(t.Key)))
        {
            Assert.EndsWith(".", key, StringComparison.Ordinal);
            Assert.Equal(Placeholders(key), Placeholders(translated));
        }
    }

    [Fact]
    public async Task A_Persian_reader_gets_the_APIs_messages_in_Persian_with_their_numbers()
    {
        var user = await api.CreateUserAsync(Role.Staff4222, Password);
        var browser = new ConsoleBrowser(api, "fa");
        await browser.SignInAsync(user.Username, Password);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await Seed.EmployerAsync(api, $"شرکت کیمیا {tag}");
        var path = "/admin/employers/new";

        var taken = await browser.SubmitAsync(path, await browser.PageAsync(path), "employer", ("Form.Name", $"شركت كيميا {tag}"), ("Form.Description", ""));
        var tooLong = await browser.SubmitAsync(path, await browser.PageAsync(path), "employer", ("Form.Name", new string('ن', 256)), ("Form.Description", ""));

        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("<li>کارفرمایی با این نام از پیش وجود دارد.</li>", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<li>این فیلد نباید بیش از \u2066255\u2069 نویسه داشته باشد.</li>", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
