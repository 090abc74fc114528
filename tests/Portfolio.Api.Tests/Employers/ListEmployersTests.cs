using System.Net;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// GET /api/portfolios/employers: DRF's page-number pagination and OrderingFilter. Each test
// lists only its own employers by searching for a token in their names.
public sealed class ListEmployersTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private async Task<(HttpClient Client, string Token, List<long> Ids)> EmployersAsync(params string[] names)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var ids = new List<long>();
        foreach (var name in names)
        {
            api.Clock.Advance(TimeSpan.FromSeconds(1));
            ids.Add(Id(await CreateAsync(client, $"{name} {token}")));
        }

        return (client, token, ids);
    }

    [Fact]
    public async Task A_page_has_DRFs_shape_with_the_retrieve_representation()
    {
        var (client, token, ids) = await EmployersAsync("first");

        var page = await ReadAsync(await client.GetAsync($"{Url}?search={token}"), HttpStatusCode.OK);

        Assert.Equal(["count", "next", "previous", "results"], page.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, page.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
        Assert.Equal(JsonValueKind.Null, page.GetProperty("previous").ValueKind);
        Assert.Equal(await client.GetStringAsync($"{Url}/{ids[0]}"), page.GetProperty("results")[0].GetRawText());
    }

    [Fact]
    public async Task List_and_create_accept_a_trailing_slash()
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");

        var created = await ReadAsync(await client.PostAsync($"{Url}/", Drf.Json(Body(new { name = $"slash {token}" }))), HttpStatusCode.Created);
        var page = await ReadAsync(await client.GetAsync($"{Url}/?search={token}"), HttpStatusCode.OK);

        Assert.Equal(Id(created), Id(page.GetProperty("results")[0]));
    }

    [Fact]
    public async Task Walking_next_links_visits_every_employer_exactly_once()
    {
        var (client, token, ids) = await EmployersAsync([.. Enumerable.Range(0, 11).Select(i => $"walker {i}")]);
        var seen = new List<long>();
        var next = $"{Url}?page_size=3&search={token}&ordering=-name";
        var pages = 0;

        while (next is not null)
        {
            var page = await ReadAsync(await client.GetAsync(next), HttpStatusCode.OK);
            Assert.Equal(11, page.GetProperty("count").GetInt32());
            seen.AddRange(page.GetProperty("results").EnumerateArray().Select(Id));
            next = page.GetProperty("next").GetString();
            if (next is not null)
            {
                Assert.StartsWith("http://localhost/api/portfolios/employers?", next, StringComparison.Ordinal);
                Assert.Contains($"search={token}", next, StringComparison.Ordinal);
                Assert.Contains("ordering=-name", next, StringComparison.Ordinal);
                Assert.Contains("page_size=3", next, StringComparison.Ordinal);
            }

            pages++;
        }

        Assert.Equal(4, pages);
        Assert.Equal(ids.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task Previous_links_lead_back_and_the_first_page_has_no_page_parameter()
    {
        var (client, token, _) = await EmployersAsync("a", "b", "c");

        var last = await ReadAsync(await client.GetAsync($"{Url}?search={token}&page_size=1&page=last"), HttpStatusCode.OK);
        var previous = last.GetProperty("previous").GetString()!;
        var middle = await ReadAsync(await client.GetAsync(previous), HttpStatusCode.OK);

        Assert.Equal($"http://localhost/api/portfolios/employers?page=2&page_size=1&search={token}", previous);
        Assert.Equal($"http://localhost/api/portfolios/employers?page_size=1&search={token}", middle.GetProperty("previous").GetString());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=4")]
    [InlineData("page=abc")]
    [InlineData("page=1.5")]
    [InlineData("page=-1")]
    public async Task An_invalid_page_is_404_invalid_page(string query)
    {
        var (client, token, _) = await EmployersAsync("a", "b", "c");

        var response = await client.GetAsync($"{Url}?search={token}&page_size=1&{query}");

        await Drf.AssertErrorAsync(response, HttpStatusCode.NotFound, "Invalid page.");
    }

    [Fact]
    public async Task Page_size_is_capped_at_100_and_defaults_to_20()
    {
        var (client, token, _) = await EmployersAsync([.. Enumerable.Range(0, 101).Select(i => $"many {i}")]);

        Assert.Equal(100, (await IdsAsync(client, $"search={token}&page_size=1000")).Count);
        Assert.Equal(20, (await IdsAsync(client, $"search={token}")).Count);
        Assert.Equal(20, (await IdsAsync(client, $"search={token}&page_size=zero")).Count);
    }

    [Theory]
    [InlineData("", new[] { 0, 1, 2 })]
    [InlineData("ordering=id", new[] { 0, 1, 2 })]
    [InlineData("ordering=-id", new[] { 2, 1, 0 })]
    [InlineData("ordering=name", new[] { 1, 2, 0 })]
    [InlineData("ordering=-name", new[] { 0, 2, 1 })]
    [InlineData("ordering=created_at", new[] { 0, 1, 2 })]
    [InlineData("ordering=-created_at", new[] { 2, 1, 0 })]
    [InlineData("ordering=-updated_at", new[] { 1, 2, 0 })]
    [InlineData("ordering=unknown", new[] { 0, 1, 2 })]
    [InlineData("ordering=unknown,-name", new[] { 0, 2, 1 })]
    [InlineData("ordering=%20-name%20,id", new[] { 0, 2, 1 })]
    [InlineData("ordering=--name", new[] { 0, 1, 2 })]
    [InlineData("ordering=description", new[] { 0, 1, 2 })]
    public async Task Ordering_follows_DRFs_OrderingFilter(string query, int[] expected)
    {
        var (client, token, ids) = await EmployersAsync("c", "a", "b");
        api.Clock.Advance(TimeSpan.FromSeconds(1));
        await ReadAsync(await PatchAsync(client, ids[1], "{}"), HttpStatusCode.OK);

        var listed = await IdsAsync(client, $"search={token}&{query}");

        Assert.Equal(expected.Select(i => ids[i]), listed);
    }

    [Fact]
    public async Task Equal_times_are_ordered_by_id_so_pages_never_overlap()
    {
        // The clock stands still: all four have the same created_at.
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(Id(await CreateAsync(client, $"same {token} {i}")));
        }

        var paged = new List<long>();
        for (var page = 1; page <= 4; page++)
        {
            paged.AddRange(await IdsAsync(client, $"search={token}&ordering=-created_at&page_size=1&page={page}"));
        }

        Assert.Equal(ids, paged);
    }
}
