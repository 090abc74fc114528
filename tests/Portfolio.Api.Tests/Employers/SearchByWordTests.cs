using System.Net;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// On SQLite a term without a space is looked for through the words that hold it (migration
// WordIndex, SearchPlan); whatever the route, a term must match exactly where a substring search
// of the normalised text would.
public sealed class SearchByWordTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("r-b")]
    [InlineData("o.b")]
    [InlineData("(xy")]
    [InlineData("oo.bar-baz")]
    [InlineData("کار")]
    [InlineData("ماهکار")]
    [InlineData("'q\"")]
    public async Task A_term_is_found_inside_a_word_and_across_its_punctuation(string term)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var id = Id(await CreateAsync(client, token, "(xyz) foo.bar-baz همكاران ماهکار 'q\"z"));
        await CreateAsync(client, $"{token} other", "xyz foo bar baz کا ر");

        Assert.Equal([id], await SearchAsync(client, $"{term} {token}"));
    }

    // Twelve words hold the stem, more than the word index is asked for: the trigram index
    // answers instead, and must find the same employers.
    [Fact]
    public async Task A_term_held_by_many_words_is_found_in_each()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var stem = token[..10];
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(Id(await CreateAsync(client, $"{token} w{i}{stem}", i % 2 == 0 ? null : $"{stem}z{i}")));
        }

        Assert.Equal(ids, await SearchAsync(client, $"{stem} {token}"));
        Assert.Equal(ids, await SearchAsync(client, stem));
        Assert.Equal([ids[3]], await SearchAsync(client, $"w3{stem}"));
        Assert.Equal([ids[3]], await SearchAsync(client, $"{stem}z3 {stem}"));
    }

    // The word index splits a word at an ASCII control character; the words that hold such a
    // character send their term to the trigram index.
    [Fact]
    public async Task A_word_with_a_control_character_is_found_whole_and_by_its_parts()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var id = Id(await CreateAsync(client, Unique(), $"pre\u0001{token}\u001fpost"));

        Assert.Equal([id], await SearchAsync(client, token));
        Assert.Equal([id], await SearchAsync(client, $"pre\u0001{token}"));
        Assert.Equal([id], await SearchAsync(client, $"{token[5..]}\u001fpo"));
        Assert.Empty(await SearchAsync(client, $"pre{token}"));
    }

    [Fact]
    public async Task A_term_that_no_word_holds_finds_nothing_whatever_the_other_terms()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        await CreateAsync(client, $"{token} kept", "words here");

        Assert.Empty(await SearchAsync(client, $"{token} {Guid.NewGuid():N}"));
        Assert.Empty(await SearchAsync(client, $"{token} ab {Guid.NewGuid():N} x"));
        Assert.Empty(await SearchAsync(client, $"\"{token} kept\" {Guid.NewGuid():N}"));
        Assert.Single(await SearchAsync(client, $"\"{token} kept\" words"));
    }

    // Nearly every employer matches: the first pages ordered by name walk the name index, deeper
    // ones sort the matches, and the last pages walk from the other end (EmployerList.Source).
    [Fact]
    public async Task Pages_of_a_dense_search_ordered_by_name_hold_the_matches_in_order()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var keys = Enumerable.Range(0, 240).Select(i => i * 97 % 240).ToList();
        var ids = new Dictionary<int, long>();
        foreach (var key in keys)
        {
            ids[key] = (await Seed.EmployerAsync(api, $"n{key:D3} {token}")).Id;
        }

        foreach (var page in new[] { 1, 2, 5, 120, 239, 240 })
        {
            Assert.Equal([ids[page - 1]], await IdsAsync(client, $"search={token}&ordering=name&page_size=1&page={page}"));
            Assert.Equal([ids[240 - page]], await IdsAsync(client, $"search={token}&ordering=-name&page_size=1&page={page}"));
        }
    }

    // Eight words of 3,000 characters hold every piece of the long word: the pieces' words would
    // make a query of megabytes, so all but the first go to the trigram index, with the same answer.
    [Fact]
    public async Task Terms_past_the_word_querys_budget_are_found_through_the_trigrams()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var random = new Random(7);
        var word = string.Concat(Enumerable.Range(0, 3_000).Select(_ => (char)('a' + random.Next(26))));
        var ids = new List<long>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(Id(await CreateAsync(client, $"{token} {i}", $"{i}{word}")));
        }

        var pieces = Enumerable.Range(0, 40).Select(i => word.Substring(i * 70, 3 + i % 5)).Distinct();
        Assert.Equal(ids, await SearchAsync(client, $"{token} {string.Join(' ', pieces)}"));
    }

    [Fact]
    public async Task Two_hundred_terms_are_searched_and_more_are_DRFs_400()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        await CreateAsync(client, $"{token} aa ab");
        var pairs = Enumerable.Range(0, 26 * 26).Select(i => $"{(char)('a' + i / 26)}{(char)('a' + i % 26)}").ToList();

        Assert.Empty(await SearchAsync(client, string.Join(' ', pairs.Take(199).Prepend(token))));
        Assert.Single(await SearchAsync(client, string.Join(' ', pairs.Take(2).Prepend(token))));
        var response = await client.GetAsync($"{Url}?search={string.Join('+', pairs.Take(201))}");
        await Drf.AssertBodyAsync(response, HttpStatusCode.BadRequest, """["Ensure this search has at most 200 terms (it has 201)."]""");
    }
}
