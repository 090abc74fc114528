using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Media;

public sealed class MediaEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Retrieve_answers_the_uploaded_image_object()
    {
        var client = await api.ClientForAsync(Role.Admin);
        var uploaded = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "retrieve.png");

        var response = await client.GetAsync($"{MediaHttp.Path}/{uploaded.GetProperty("id").GetInt64()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(uploaded.GetRawText(), JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetRawText());
    }

    // Found by the fuzzer on PostgreSQL, which stores no NUL: the name taken from such a file name was a 500.
    [Fact]
    public async Task A_NUL_in_the_file_name_is_left_out_of_the_name_it_gives()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(TestImages.Png(12, 8));
        part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"file\"; filename*=UTF-8''a%00b.png");
        form.Add(part);

        var response = await client.PostAsync(MediaHttp.Path, form);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("ab.png", JsonDocument.Parse(body).RootElement.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("-1")]
    [InlineData("۲۶۱")]
    [InlineData("99999999999999999999")]
    [InlineData("987654")]
    public async Task Retrieve_and_delete_answer_404_for_anything_but_an_existing_id(string id)
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        await Drf.AssertErrorAsync(await client.GetAsync($"{MediaHttp.Path}/{id}"), HttpStatusCode.NotFound, "Not found.");
        await Drf.AssertErrorAsync(await client.DeleteAsync($"{MediaHttp.Path}/{id}"), HttpStatusCode.NotFound, "Not found.");
    }

    [Theory]
    [InlineData(Role.Anonymous, HttpStatusCode.Unauthorized)]
    [InlineData(Role.Plain, HttpStatusCode.Forbidden)]
    [InlineData(Role.NonStaff4222, HttpStatusCode.Forbidden)]
    [InlineData(Role.Staff, HttpStatusCode.Forbidden)]
    [InlineData(Role.Inactive4222, HttpStatusCode.Unauthorized)]
    public async Task Every_media_endpoint_needs_admin_or_staff_with_4222(Role role, HttpStatusCode status)
    {
        var client = await api.ClientForAsync(role);

        Assert.Equal(status, (await MediaHttp.UploadAsync(client, TestImages.Png(10, 10), "x.png")).StatusCode);
        Assert.Equal(status, (await client.GetAsync(MediaHttp.Path)).StatusCode);
        Assert.Equal(status, (await client.GetAsync($"{MediaHttp.Path}/1")).StatusCode);
        Assert.Equal(status, (await client.DeleteAsync($"{MediaHttp.Path}/1")).StatusCode);
    }

    [Fact]
    public async Task List_pages_with_absolute_links_that_keep_other_parameters()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        for (var i = 0; i < 3; i++)
        {
            await MediaHttp.UploadOkAsync(client, TestImages.Png(20 + i, 10), $"list-{i}.png");
        }

        using var first = JsonDocument.Parse(await client.GetStringAsync($"{MediaHttp.Path}?page_size=2&search=x"));
        var count = first.RootElement.GetProperty("count").GetInt32();
        Assert.Equal(["count", "next", "previous", "results"], first.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.True(count >= 3);
        Assert.Equal(2, first.RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("previous").ValueKind);
        Assert.Equal("http://localhost/api/core/media?page=2&page_size=2&search=x", first.RootElement.GetProperty("next").GetString());

        using var second = JsonDocument.Parse(await client.GetStringAsync($"{MediaHttp.Path}?page_size=2&search=x&page=2"));
        Assert.Equal("http://localhost/api/core/media?page_size=2&search=x", second.RootElement.GetProperty("previous").GetString());
        var ids = first.RootElement.GetProperty("results").EnumerateArray().Concat(second.RootElement.GetProperty("results").EnumerateArray())
            .Select(r => r.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    [InlineData("page=9999")]
    [InlineData("page=-1")]
    public async Task List_answers_404_Invalid_page_for_a_page_that_does_not_exist(string query)
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        await Drf.AssertErrorAsync(await client.GetAsync($"{MediaHttp.Path}?{query}"), HttpStatusCode.NotFound, "Invalid page.");
    }

    [Fact]
    public async Task List_caps_page_size_at_100_and_ignores_a_bad_one()
    {
        var client = await api.ClientForAsync(Role.Staff4222);

        using var capped = JsonDocument.Parse(await client.GetStringAsync($"{MediaHttp.Path}?page_size=1000"));
        using var ignored = JsonDocument.Parse(await client.GetStringAsync($"{MediaHttp.Path}?page_size=zero&page=last"));

        Assert.True(capped.RootElement.GetProperty("results").GetArrayLength() <= 100);
        Assert.Equal(JsonValueKind.Null, ignored.RootElement.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Racing_deletes_of_one_image_give_one_204_and_404s_never_a_500()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var id = (await MediaHttp.UploadOkAsync(client, TestImages.Png(30, 20), "raced.png")).GetProperty("id").GetInt64();

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.DeleteAsync($"{MediaHttp.Path}/{id}")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.NoContent);
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.NotFound }));
    }

    [Fact]
    public async Task Delete_removes_rows_and_files_and_employers_keep_null_image_data()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var image = await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "deleted.png");
        var id = image.GetProperty("id").GetInt64();
        var employer = await Seed.EmployerAsync(api, $"uses image {Guid.NewGuid():N}");
        await api.WithDbAsync(async db =>
        {
            await db.Employers.Where(e => e.Id == employer.Id).ExecuteUpdateAsync(e => e.SetProperty(x => x.ImageId, id));
        });
        var urls = image.GetProperty("thumbnails").EnumerateArray().Select(t => t.GetProperty("f").GetString()!).Append(image.GetProperty("f").GetString()!).ToList();

        var response = await client.DeleteAsync($"{MediaHttp.Path}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        await Drf.AssertErrorAsync(await client.GetAsync($"{MediaHttp.Path}/{id}"), HttpStatusCode.NotFound, "Not found.");
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await MediaHttp.GetFileAsync(client, url)).StatusCode);
        }

        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/portfolios/employers/{employer.Id}"));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("image_data").ValueKind);
        Assert.Equal(0, await api.WithDbAsync(db => db.Thumbnails.CountAsync(t => t.ImageId == id)));
    }
}
