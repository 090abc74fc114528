using System.Net;
using System.Text.Json;
using Portfolio.Api.Accounts;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// GET /api/users, paginated the way DRF's PageNumberPagination is. Other tests of this class add
// users too, so each test reads the count it compares against instead of assuming one.
public sealed class UserListTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<HttpClient> AdminWithUsersAsync(int atLeast)
    {
        var client = await api.ClientForAsync(Role.Admin);
        var count = (await PageAsync(client, "/api/users")).GetProperty("count").GetInt32();
        await api.WithDbAsync(async db =>
        {
            for (var i = count; i < atLeast; i++)
            {
                db.Users.Add(new User { Username = $"listed-{Guid.NewGuid():N}", DateJoined = DateTime.UtcNow });
            }

            await db.SaveChangesAsync();
        });
        return client;
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task The_first_page_holds_20_users_in_id_order_with_a_next_link()
    {
        var client = await AdminWithUsersAsync(25);

        var page = await PageAsync(client, "/api/users");

        Assert.Equal(["count", "next", "previous", "results"], page.EnumerateObject().Select(p => p.Name));
        var ids = page.GetProperty("results").EnumerateArray().Select(u => u.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal("http://localhost/api/users?page=2", page.GetProperty("next").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("previous").ValueKind);
    }

    [Fact]
    public async Task Links_are_absolute_keep_other_parameters_and_drop_page_1()
    {
        var client = await AdminWithUsersAsync(7);

        var page = await PageAsync(client, "/api/users?page_size=2&page=2&zeta=%C3%A9%20x&alpha=1");

        Assert.Equal(2, page.GetProperty("results").GetArrayLength());
        Assert.Equal("http://localhost/api/users?alpha=1&page=3&page_size=2&zeta=%C3%A9%20x", page.GetProperty("next").GetString());
        Assert.Equal("http://localhost/api/users?alpha=1&page_size=2&zeta=%C3%A9%20x", page.GetProperty("previous").GetString());
    }

    [Fact]
    public async Task The_last_page_has_no_next_link_and_last_names_it()
    {
        var client = await AdminWithUsersAsync(5);
        var count = (await PageAsync(client, "/api/users")).GetProperty("count").GetInt32();
        var pages = (count + 1) / 2;

        var last = await PageAsync(client, "/api/users?page=last&page_size=2");

        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.Equal(count - ((pages - 1) * 2), last.GetProperty("results").GetArrayLength());
        Assert.Equal($"http://localhost/api/users?page={pages - 1}&page_size=2", last.GetProperty("previous").GetString());
    }

    [Fact]
    public async Task The_list_accepts_a_trailing_slash()
    {
        var client = await AdminWithUsersAsync(1);

        var page = await PageAsync(client, "/api/users/");

        Assert.True(page.GetProperty("count").GetInt32() >= 1);
    }

    [Fact]
    public async Task Page_size_is_capped_at_100()
    {
        var client = await AdminWithUsersAsync(101);

        var page = await PageAsync(client, "/api/users?page_size=1000");

        Assert.Equal(100, page.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("")]
    public async Task A_page_size_that_is_not_a_positive_integer_falls_back_to_20(string size)
    {
        var client = await AdminWithUsersAsync(21);

        var page = await PageAsync(client, $"/api/users?page_size={size}");

        Assert.Equal(20, page.GetProperty("results").GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.0")]
    [InlineData("999999")]
    [InlineData("99999999999999999999999")]
    public async Task An_invalid_page_is_404_invalid_page(string number)
    {
        var client = await AdminWithUsersAsync(1);

        await Drf.AssertErrorAsync(await client.GetAsync($"/api/users?page={number}"), HttpStatusCode.NotFound, "Invalid page.");
    }

    [Fact]
    public async Task An_empty_page_parameter_is_the_first_page_as_in_DRF()
    {
        var client = await AdminWithUsersAsync(1);

        var page = await PageAsync(client, "/api/users?page=");

        Assert.Equal(JsonValueKind.Null, page.GetProperty("previous").ValueKind);
    }
}
