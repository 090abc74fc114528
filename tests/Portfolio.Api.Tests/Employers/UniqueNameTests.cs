using System.Net;
using Portfolio.Api.Employers;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// Names are unique after the contract's Persian normalisation, on every write.
public sealed class UniqueNameTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Duplicate = """{"name": ["employer with this name already exists."]}""";

    // {0} is a token that keeps each test's names apart. Each pair differs only in what the
    // normalisation ignores: Arabic yeh and kaf, ZWNJ, tatweel, spacing, case, digit script.
    public static TheoryData<string, string> Twins => new()
    {
        { "شرکت کیان {0}", "شركت كيان {0}" },
        { "همکاران سیستم {0}", "همكاران سيستم {0}" },
        { "نرم‌افزار {0}", "نرمافزار {0}" },
        { "نرم‌افزار {0}", "نرم\u200c\u200cافزار {0}" },
        { "کیان {0}", "کیـــان {0}" },
        { "Acme Trading {0}", "  acme   TRADING {0} " },
        { "Acme Trading {0}", "Acme\u00a0Trading {0}" },
        { "پارس ۱۲۳ {0}", "پارس 123 {0}" },
        { "پارس ۱۲۳ {0}", "پارس ١٢٣ {0}" },
        { "دی {0}", "دى {0}" },
    };

    private static string Fill(string pattern, string token) => string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, token);

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task Post_refuses_a_name_that_differs_only_by_what_normalisation_ignores(string existing, string twin)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        await CreateAsync(client, Fill(existing, token));
        var before = await AllStoredAsync(api);

        await Drf.AssertBodyAsync(await PostAsync(client, Body(new { name = Fill(twin, token) })), HttpStatusCode.BadRequest, Duplicate);

        Assert.Equal(before, await AllStoredAsync(api));
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task Put_and_patch_refuse_another_employers_name_in_any_spelling(string existing, string twin)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        await CreateAsync(client, Fill(existing, token));
        var other = Id(await CreateAsync(client, Unique()));
        var body = Body(new { name = Fill(twin, token) });

        await AssertRefusedAsync(api, other, () => PutAsync(client, other, body), HttpStatusCode.BadRequest, Duplicate);
        await AssertRefusedAsync(api, other, () => PatchAsync(client, other, body), HttpStatusCode.BadRequest, Duplicate);
    }

    [Theory]
    [MemberData(nameof(Twins))]
    public async Task Keeping_ones_own_name_in_another_spelling_is_fine_and_stores_the_new_spelling(string existing, string twin)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var employer = Id(await CreateAsync(client, Fill(existing, token)));

        var put = await ReadAsync(await PutAsync(client, employer, Body(new { name = Fill(existing, token) })), HttpStatusCode.OK);
        var patched = await ReadAsync(await PatchAsync(client, employer, Body(new { name = Fill(twin, token) })), HttpStatusCode.OK);

        Assert.Equal(Fill(existing, token).Trim(), put.GetProperty("name").GetString());
        Assert.Equal(Fill(twin, token).Trim(), patched.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("Kiyan {0}", "Kian {0}")]
    [InlineData("نرم افزار {0}", "نرمافزار {0}")]
    [InlineData("شرکت {0}", "شرکت ها {0}")]
    public async Task Names_that_differ_in_more_than_that_are_different_employers(string first, string second)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");

        await CreateAsync(client, Fill(first, token));
        await CreateAsync(client, Fill(second, token));
    }

    [Theory]
    [InlineData("  همكاران\u200c  سيستم  ", "همکاران سیستم")]
    [InlineData("ACME\tTrading\u00a0Co", "acme trading co")]
    [InlineData("کیـــان ۱۴۰۳ ١٢", "کیان 1403 12")]
    [InlineData("\u200fرادیو\u200e", "رادیو")]
    [InlineData("ΣΟΦΙΑ σοφίας", "σοφια σοφίασ")]
    [InlineData("\u200c\u0640", "")]
    public void Normalize_applies_the_contracts_rules(string name, string expected) =>
        Assert.Equal(expected, EmployerName.Normalize(name));
}
