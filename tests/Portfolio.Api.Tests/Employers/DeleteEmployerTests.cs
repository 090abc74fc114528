using System.Net;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

public sealed class DeleteEmployerTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task After_delete_the_id_is_404_for_every_method_and_the_name_is_free_again()
    {
        var client = await StaffAsync(api);
        var name = $"کیان {Guid.NewGuid():N}";
        var id = Id(await CreateAsync(client, name, "gone soon"));

        var deleted = await client.DeleteAsync($"{Url}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
        Assert.Equal("absent", await StoredAsync(api, id));
        await Drf.AssertErrorAsync(await client.GetAsync($"{Url}/{id}"), HttpStatusCode.NotFound, "Not found.");
        await Drf.AssertErrorAsync(await PutAsync(client, id, Body(new { name })), HttpStatusCode.NotFound, "Not found.");
        await Drf.AssertErrorAsync(await PatchAsync(client, id, "{}"), HttpStatusCode.NotFound, "Not found.");
        await Drf.AssertErrorAsync(await client.DeleteAsync($"{Url}/{id}"), HttpStatusCode.NotFound, "Not found.");
        Assert.DoesNotContain(id, await IdsAsync(client, $"search={Uri.EscapeDataString(name)}"));

        var again = await CreateAsync(client, name.Replace('ی', 'ي'));
        Assert.NotEqual(id, Id(again));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("۲۶۱")]
    [InlineData("99999999999999999999")]
    public async Task Delete_of_anything_but_an_existing_id_is_404_and_deletes_nothing(string id)
    {
        var client = await StaffAsync(api);
        await CreateAsync(client, Unique());
        var before = await AllStoredAsync(api);

        await Drf.AssertErrorAsync(await client.DeleteAsync($"{Url}/{id}"), HttpStatusCode.NotFound, "Not found.");

        Assert.Equal(before, await AllStoredAsync(api));
    }

    [Fact]
    public async Task Deleting_an_employers_image_leaves_the_employer_with_null_image_data()
    {
        var client = await StaffAsync(api);
        var image = (await MediaHttp.UploadOkAsync(client, TestImages.Png(40, 30), "logo.png")).GetProperty("id").GetInt64();
        var id = Id(await CreateAsync(client, Unique(), image: image));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/core/media/{image}")).StatusCode);

        var employer = await ReadAsync(await client.GetAsync($"{Url}/{id}"), HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, employer.GetProperty("image_data").ValueKind);
    }
}
