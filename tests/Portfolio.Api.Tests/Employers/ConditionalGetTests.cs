using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// ETag and If-None-Match on retrieve and list: 304 while nothing changed, 200 after a change. An
// employer's own tag follows that employer (and its image) alone; a list's follows any change.
public sealed class ConditionalGetTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await client.SendAsync(request);
    }

    private static string Tag(HttpResponseMessage response) => response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("no ETag");

    public static TheoryData<string> Paths => new() { "{path}/{id}", "{path}?search={token}&page_size=1", "{path}/{id}/" };

    private static string Fill(string path, long id, string token) => path
        .Replace("{path}", Url, StringComparison.Ordinal)
        .Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{token}", token, StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task An_unchanged_answer_is_304_with_its_tag_and_no_body(string template)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var path = Fill(template, Id(await CreateAsync(client, $"tagged {token}")), token);

        var first = await GetAsync(client, path, null);
        var again = await GetAsync(client, path, Tag(first));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.ETag!.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(Tag(first), Tag(again));
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task A_change_through_the_API_or_straight_in_the_database_makes_it_200_again(string template)
    {
        var client = await StaffAsync(api);
        var token = Guid.NewGuid().ToString("N");
        var id = Id(await CreateAsync(client, $"tagged {token}"));
        var path = Fill(template, id, token);
        var tag = Tag(await GetAsync(client, path, null));

        await ReadAsync(await PatchAsync(client, id, """{"description": "changed"}"""), HttpStatusCode.OK);
        var afterPatch = await GetAsync(client, path, tag);
        var newTag = Tag(afterPatch);
        await api.WithDbAsync(db => db.Employers.Where(e => e.Id == id).ExecuteUpdateAsync(set => set.SetProperty(e => e.Description, "by hand")));
        var afterSql = await GetAsync(client, path, newTag);

        Assert.Equal(HttpStatusCode.OK, afterPatch.StatusCode);
        Assert.Contains("changed", await afterPatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(tag, newTag);
        Assert.Equal(HttpStatusCode.OK, afterSql.StatusCode);
        Assert.Contains("by hand", await afterSql.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task If_none_match_compares_weakly_takes_lists_and_star()
    {
        var client = await StaffAsync(api);
        var path = $"{Url}/{Id(await CreateAsync(client, Unique()))}";
        var tag = Tag(await GetAsync(client, path, null));
        var strong = tag[2..];

        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, path, strong)).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, path, $"\"other\", {tag}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, (await GetAsync(client, path, "*")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, path, "\"other\"")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(client, path, "not a tag list")).StatusCode);
    }

    // A list's tag holds the host its links (next, previous) may be built from; an employer's
    // follows its body, which holds the host only where its image is served from this service
    // (local storage), not from a bucket's public URL.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_tag_follows_the_host_where_the_body_does(bool retrieve)
    {
        var client = await StaffAsync(api);
        var image = (await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "logo.png")).GetProperty("id").GetInt64();
        var id = Id(await CreateAsync(client, Unique(), image: image));
        var path = retrieve ? $"{Url}/{id}" : $"{Url}?page_size=1";
        var here = await GetAsync(client, path, null);
        var tag = Tag(here);

        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "other.example";
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        var elsewhere = await client.SendAsync(request);

        var bodyDepends = !retrieve || !api.IsS3;
        Assert.Equal(bodyDepends ? HttpStatusCode.OK : HttpStatusCode.NotModified, elsewhere.StatusCode);
        Assert.Equal(bodyDepends, tag != Tag(elsewhere));
        if (retrieve && bodyDepends)
        {
            Assert.NotEqual(await here.Content.ReadAsStringAsync(), await elsewhere.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task An_employers_tag_stays_through_changes_to_others_and_changes_with_its_own_image()
    {
        var client = await StaffAsync(api);
        var first = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "first.png");
        var id = Id(await CreateAsync(client, Unique(), image: first.GetProperty("id").GetInt64()));
        var path = $"{Url}/{id}";
        var tag = Tag(await GetAsync(client, path, null));

        var other = Id(await CreateAsync(client, Unique()));
        await ReadAsync(await PatchAsync(client, other, """{"description": "another employer changed"}"""), HttpStatusCode.OK);
        await api.ClientForAsync(Role.Admin);
        var afterOthers = await GetAsync(client, path, tag);
        var second = await MediaHttp.UploadOkAsync(client, TestImages.Png(50, 20), "second.png");
        await ReadAsync(await PatchAsync(client, id, Body(new { image = second.GetProperty("id").GetInt64() })), HttpStatusCode.OK);
        var afterImage = await GetAsync(client, path, tag);

        Assert.Equal(HttpStatusCode.NotModified, afterOthers.StatusCode);
        Assert.Equal(tag, Tag(afterOthers));
        Assert.Equal(HttpStatusCode.OK, afterImage.StatusCode);
        Assert.NotEqual(tag, Tag(afterImage));
    }

    [Fact]
    public async Task Errors_carry_no_tag_and_authentication_comes_first()
    {
        var client = await StaffAsync(api);

        var missing = await GetAsync(client, $"{Url}/99999999", "*");
        var anonymous = await GetAsync(api.CreateClient(), $"{Url}/1", "*");
        var invalidPage = await GetAsync(client, $"{Url}?page=99999", null);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Null(missing.Headers.ETag);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, invalidPage.StatusCode);
        Assert.Null(invalidPage.Headers.ETag);
    }
}
