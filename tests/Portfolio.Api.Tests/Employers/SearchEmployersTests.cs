using System.Net;
using Portfolio.Api.Employers;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// ?search= as DRF's SearchFilter, compared after the Persian normalisation. Every search also
// carries a token unique to the test, so that only the test's own employers can match.
public sealed class SearchEmployersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("کار و توسعه", null, "كار")]
    [InlineData("شرکت ۱۲۳", null, "123")]
    [InlineData("Shop 123", null, "۱۲۳")]
    [InlineData("Shop 123", null, "١٢٣")]
    [InlineData("نرم‌افزار", null, "نرمافزار")]
    [InlineData("نرمافزار", null, "نرم‌افزار")]
    [InlineData("ACME Trading", null, "acme")]
    [InlineData("acme trading", null, "TRADING")]
    [InlineData("کیـــان", null, "کیان")]
    [InlineData("plain", "توضیحات كامل", "کامل")]
    [InlineData("plain", "Founded in ۱۳۹۹", "1399")]
    [InlineData("ab", null, "ab")]
    [InlineData("xyz", null, "y")]
    [InlineData("plain", "ab cd", "b")]
    [InlineData("plain", "abc", "ab")]
    [InlineData("plain", "xyz cab", "ab")]
    [InlineData("plain", "ab", "ab")]
    [InlineData("plain", "متن كا", "کا")]
    [InlineData("q\"a", null, "\"a")]
    public async Task Search_finds_what_the_normalisation_calls_equal(string name, string? description, string term)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var id = Id(await CreateAsync(client, $"{name} {token}", description));

        Assert.Equal([id], await SearchAsync(client, $"{term} {token}"));
    }

    [Fact]
    public async Task Every_term_must_match_the_name_or_the_description()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var both = Id(await CreateAsync(client, $"alpha {token}", "beta"));
        var alpha = Id(await CreateAsync(client, $"alpha only {token}"));

        Assert.Equal([both, alpha], await SearchAsync(client, $"alpha {token}"));
        Assert.Equal([both], await SearchAsync(client, $"alpha beta {token}"));
        Assert.Equal([both], await SearchAsync(client, $"alpha,beta,{token}"));
        Assert.Equal([both], await SearchAsync(client, $" alpha , , beta   {token} "));
        Assert.Empty(await SearchAsync(client, $"alpha gamma {token}"));
        Assert.Empty(await SearchAsync(client, $"al ga {token}"));
    }

    // Two characters are found wherever they are: inside, at the start or at the end of the name
    // or the description, but never across the two.
    [Fact]
    public async Task A_two_character_term_is_found_anywhere_in_one_text()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var atNameEnd = Id(await CreateAsync(client, $"{token} xq"));
        var atDescriptionStart = Id(await CreateAsync(client, $"{token} 1", "xq and more"));
        var whole = Id(await CreateAsync(client, $"{token} 2", "xq"));
        var across = Id(await CreateAsync(client, $"{token} x", "q"));

        Assert.Equal([atNameEnd, atDescriptionStart, whole], await SearchAsync(client, $"xq {token}"));
        Assert.Equal([atNameEnd, atDescriptionStart, whole], await SearchAsync(client, $"{token} xq,xq"));
        Assert.Equal([atNameEnd, atDescriptionStart, whole, across], await SearchAsync(client, $"{token} x q"));
    }

    [Fact]
    public async Task A_quoted_phrase_must_match_as_a_whole()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var id = Id(await CreateAsync(client, $"همکاران سیستم {token}"));

        Assert.Equal([id], await SearchAsync(client, $"\"همكاران   سيستم\" {token}"));
        Assert.Equal([id], await SearchAsync(client, $"'ران سی' {token}"));
        Assert.Empty(await SearchAsync(client, $"\"سیستم همکاران\" {token}"));
    }

    [Fact]
    public async Task A_term_can_match_the_name_while_another_matches_the_description_but_never_across_them()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var id = Id(await CreateAsync(client, $"{token} north", "south"));

        Assert.Equal([id], await SearchAsync(client, $"{token} north south"));
        Assert.Empty(await SearchAsync(client, $"{token} \"north south\""));
        Assert.Empty(await SearchAsync(client, $"{token} northsouth"));
    }

    [Fact]
    public async Task An_empty_search_lists_everything_and_a_null_character_is_DRFs_400()
    {
        var client = await StaffAsync(api);
        await CreateAsync(client, Unique());

        var all = await ReadAsync(await client.GetAsync(Url), HttpStatusCode.OK);
        var empty = await ReadAsync(await client.GetAsync($"{Url}?search=%20,%20"), HttpStatusCode.OK);

        Assert.Equal(all.GetProperty("count").GetInt32(), empty.GetProperty("count").GetInt32());
        await Drf.AssertBodyAsync(await client.GetAsync($"{Url}?search=a%00b"), HttpStatusCode.BadRequest, """["Null characters are not allowed."]""");
    }

    [Fact]
    public async Task Search_sees_renames_and_deletes_at_once()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var id = Id(await CreateAsync(client, $"before {token}", "old words"));

        await ReadAsync(await PatchAsync(client, id, Body(new { name = $"after {token}", description = "new words" })), HttpStatusCode.OK);

        Assert.Empty(await SearchAsync(client, $"before {token}"));
        Assert.Empty(await SearchAsync(client, $"old {token}"));
        Assert.Equal([id], await SearchAsync(client, $"after new {token}"));
        await client.DeleteAsync($"{Url}/{id}");
        Assert.Empty(await SearchAsync(client, token));
    }

    [Fact]
    public async Task Search_combines_with_ordering_and_pages()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var ids = new List<long>();
        foreach (var name in new[] { "c", "a", "b" })
        {
            ids.Add(Id(await CreateAsync(client, $"{name} {token}")));
        }

        Assert.Equal([ids[0], ids[2], ids[1]], await IdsAsync(client, $"search={token}&ordering=-name"));
        Assert.Equal([ids[0]], await IdsAsync(client, $"search={token}&ordering=-id&page_size=1&page=last"));
        Assert.Equal([ids[1]], await IdsAsync(client, $"search={token}&ordering=-id&page_size=1&page=2"));
    }

    // Enough matches among few employers that a page ordered by another field than id may walk
    // that field's index, and pages in the back half are read from the other end.
    [Fact]
    public async Task Every_page_of_a_search_in_every_ordering_holds_the_next_matches_in_order()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var names = new[] { "k", "c", "h", "a", "j", "e", "b", "g", "d", "f" };
        var ids = new List<long>();
        foreach (var name in names)
        {
            ids.Add(Id(await CreateAsync(client, $"{name} {token}")));
        }

        var byName = names.Zip(ids).OrderBy(p => p.First, StringComparer.Ordinal).Select(p => p.Second).ToList();
        var orderings = new Dictionary<string, List<long>>
        {
            ["name"] = byName,
            ["-name"] = Enumerable.Reverse(byName).ToList(),
            ["created_at"] = ids,
            ["-updated_at"] = Enumerable.Reverse(ids).ToList(),
            ["-id"] = Enumerable.Reverse(ids).ToList(),
        };
        foreach (var (ordering, expected) in orderings)
        {
            var seen = new List<long>();
            for (var page = 1; page <= 4; page++)
            {
                seen.AddRange(await IdsAsync(client, $"search={token}&ordering={ordering}&page_size=3&page={page}"));
            }

            Assert.Equal(expected, seen);
            Assert.Equal(expected[^1..], await IdsAsync(client, $"search={token}&ordering={ordering}&page_size=3&page=last"));
        }
    }

    [Theory]
    [InlineData("a b", new[] { "a", "b" })]
    [InlineData("a,b ,c", new[] { "a", "b", "c" })]
    [InlineData("\"a b\" c", new[] { "a b", "c" })]
    [InlineData("'a  b' c", new[] { "a b", "c" })]
    [InlineData("'a  b',c", new[] { "'a b'", "c" })]
    [InlineData("\"a \\\" b\"", new[] { "a \" b" })]
    [InlineData("x\"a b\"y", new[] { "x\"a b\"y" })]
    [InlineData("\"", new string[0])]
    [InlineData("ك ي ۱", new[] { "ک", "ی", "1" })]
    [InlineData("a A a", new[] { "a" })]
    [InlineData("\u200c ,", new string[0])]
    public void Terms_split_as_DRF_does_and_are_normalised(string search, string[] expected) =>
        Assert.Equal(expected, EmployerSearch.Terms(search));
}
