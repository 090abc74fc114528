using System.Net;
using System.Text.Json;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// PUT and PATCH /api/portfolios/employers/{id}, on a clock that moves only when told.
public sealed class ChangeEmployerTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task Patch_changes_only_the_given_fields_and_answers_the_retrieve_representation()
    {
        var client = await StaffAsync(api);
        var image = (await Seed.PageEmployerAsync(api)).ImageId!.Value;
        var employer = await CreateAsync(client, Unique(), "before", image);

        var changed = await ReadAsync(await PatchAsync(client, Id(employer), """{"description": "after"}"""), HttpStatusCode.OK);

        Assert.Equal(employer.GetProperty("name").GetString(), changed.GetProperty("name").GetString());
        Assert.Equal("after", changed.GetProperty("description").GetString());
        Assert.Equal(image, changed.GetProperty("image_data").GetProperty("id").GetInt64());
        Assert.Equal(await client.GetStringAsync($"{Url}/{Id(employer)}"), changed.GetRawText());
    }

    [Fact]
    public async Task Put_requires_the_name_and_keeps_fields_it_leaves_out()
    {
        var client = await StaffAsync(api);
        var employer = await CreateAsync(client, Unique(), "kept");
        var renamed = Unique();

        await AssertRefusedAsync(api, Id(employer), () => PutAsync(client, Id(employer), """{"description": "x"}"""),
            HttpStatusCode.BadRequest, """{"name": ["This field is required."]}""");
        var changed = await ReadAsync(await PutAsync(client, Id(employer), Body(new { name = renamed })), HttpStatusCode.OK);

        Assert.Equal(renamed, changed.GetProperty("name").GetString());
        Assert.Equal("kept", changed.GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Null_clears_the_description_and_the_image(string method)
    {
        var client = await StaffAsync(api);
        var image = (await Seed.PageEmployerAsync(api)).ImageId!.Value;
        var employer = await CreateAsync(client, Unique(), "text", image);

        var changed = await ReadAsync(
            await SendAsync(client, method, Id(employer), Body(new { name = employer.GetProperty("name").GetString(), description = (string?)null, image = (long?)null })),
            HttpStatusCode.OK);

        Assert.Equal(JsonValueKind.Null, changed.GetProperty("description").ValueKind);
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("image_data").ValueKind);
    }

    [Fact]
    public async Task Patch_sets_a_new_image()
    {
        var client = await StaffAsync(api);
        var employer = await CreateAsync(client, Unique());
        var image = (await Seed.PageEmployerAsync(api)).ImageId!.Value;

        var changed = await ReadAsync(await PatchAsync(client, Id(employer), Body(new { image })), HttpStatusCode.OK);

        Assert.Equal(image, changed.GetProperty("image_data").GetProperty("id").GetInt64());
    }

    // The change reads the employer with its image, and the answer shows that image unless the
    // change replaced it: either way, the image the retrieve shows, thumbnails and all.
    [Fact]
    public async Task Patch_answers_the_kept_or_the_replacing_image_as_the_retrieve_does()
    {
        var client = await StaffAsync(api);
        var employer = await Seed.PageEmployerAsync(api);
        var other = (await Seed.PageEmployerAsync(api)).ImageId!.Value;

        var renamed = await ReadAsync(await PatchAsync(client, employer.Id, Body(new { name = Unique() })), HttpStatusCode.OK);
        Assert.Equal((await RetrieveAsync(client, employer.Id)).GetProperty("image_data").GetRawText(), renamed.GetProperty("image_data").GetRawText());
        Assert.Equal(4, renamed.GetProperty("image_data").GetProperty("thumbnails").GetArrayLength());

        var replaced = await ReadAsync(await PatchAsync(client, employer.Id, Body(new { image = other })), HttpStatusCode.OK);
        Assert.Equal(other, replaced.GetProperty("image_data").GetProperty("id").GetInt64());
        Assert.Equal((await RetrieveAsync(client, employer.Id)).GetProperty("image_data").GetRawText(), replaced.GetProperty("image_data").GetRawText());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task Every_change_moves_updated_at_and_never_created_at(string method)
    {
        var client = await StaffAsync(api);
        var employer = await CreateAsync(client, Unique());
        var body = Body(new { name = employer.GetProperty("name").GetString() });

        api.Clock.Advance(TimeSpan.FromSeconds(5));
        var first = await ReadAsync(await SendAsync(client, method, Id(employer), body), HttpStatusCode.OK);
        api.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = await ReadAsync(await SendAsync(client, method, Id(employer), method == "PATCH" ? "{}" : body), HttpStatusCode.OK);

        var created = employer.GetProperty("created_at").GetString();
        Assert.All([first, second], e => Assert.Equal(created, e.GetProperty("created_at").GetString()));
        var times = new[] { employer, first, second }.Select(e => e.GetProperty("updated_at").GetDateTime()).ToList();
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], [times[1] - times[0], times[2] - times[1]]);
    }

    [Fact]
    public async Task Updated_at_still_moves_when_the_clock_stands_still_or_steps_back()
    {
        var client = await StaffAsync(api);
        var employer = await CreateAsync(client, Unique());

        var same = await ReadAsync(await PatchAsync(client, Id(employer), "{}"), HttpStatusCode.OK);
        api.Clock.Advance(TimeSpan.FromMinutes(-1));
        var back = await ReadAsync(await PatchAsync(client, Id(employer), "{}"), HttpStatusCode.OK);
        api.Clock.Advance(TimeSpan.FromMinutes(1));

        var times = new[] { employer, same, back }.Select(e => e.GetProperty("updated_at").GetDateTime()).ToList();
        Assert.True(times[0] < times[1] && times[1] < times[2], string.Join(", ", times));
    }

    [Fact]
    public async Task Read_only_fields_in_the_body_are_ignored()
    {
        var client = await StaffAsync(api);
        var employer = await CreateAsync(client, Unique());

        var changed = await ReadAsync(await PatchAsync(client, Id(employer),
            """{"id": 1, "created_at": "2000-01-01T00:00:00.000000Z", "image_data": null, "updated_at": "2000-01-01T00:00:00.000000Z"}"""),
            HttpStatusCode.OK);

        Assert.Equal(Id(employer), Id(changed));
        Assert.Equal(employer.GetProperty("created_at").GetString(), changed.GetProperty("created_at").GetString());
        Assert.NotEqual("2000-01-01T00:00:00.000000Z", changed.GetProperty("updated_at").GetString());
    }

    public static TheoryData<string, string, string> Refusals()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var method in new[] { "PUT", "PATCH" })
        {
            data.Add(method, """{"name": null}""", """{"name": ["This field may not be null."]}""");
            data.Add(method, """{"name": " "}""", """{"name": ["This field may not be blank."]}""");
            data.Add(method, $$"""{"name": "{{new string('n', 256)}}"}""", """{"name": ["Ensure this field has no more than 255 characters."]}""");
            data.Add(method, """{"name": "tab\tinside"}""", """{"name": ["Control characters are not allowed."]}""");
            data.Add(method, $$"""{"name": "ok", "description": "{{new string('d', 5001)}}"}""",
                """{"description": ["Ensure this field has no more than 5000 characters."]}""");
            data.Add(method, """{"name": "ok", "image": 99999999}""", """{"image": ["Invalid pk \"99999999\" - object does not exist."]}""");
            data.Add(method, """{"name": "ok", "image": "1"}""", """{"image": ["Incorrect type. Expected pk value, received str."]}""");
            data.Add(method, """{"name": "ok", "image": false}""", """{"image": ["Incorrect type. Expected pk value, received bool."]}""");
            data.Add(method, """{"name": "ok", "image": 3.5}""", """{"image": ["Incorrect type. Expected pk value, received float."]}""");
        }

        data.Add("PATCH", """{"description": "nul\u0000"}""", """{"description": ["Null characters are not allowed."]}""");
        data.Add("PATCH", """{"image": {}}""", """{"image": ["Incorrect type. Expected pk value, received dict."]}""");
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_change_answers_DRFs_body_and_leaves_the_row_as_it_was(string method, string json, string expected)
    {
        var client = await StaffAsync(api);
        var image = (await Seed.PageEmployerAsync(api)).ImageId!.Value;
        var employer = await CreateAsync(client, Unique(), "unchanged", image);

        await AssertRefusedAsync(api, Id(employer), () => SendAsync(client, method, Id(employer), json), HttpStatusCode.BadRequest, expected);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public async Task An_unknown_id_is_404_before_anything_is_said_about_the_body(string method)
    {
        var client = await StaffAsync(api);
        var employer = await CreateAsync(client, Unique());

        foreach (var id in new[] { "99999999", "abc", "1.5", "۱", "-1", "99999999999999999999" })
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"{Url}/{id}") { Content = Drf.Json("""{"name": """) });
            await Drf.AssertErrorAsync(response, HttpStatusCode.NotFound, "Not found.");
        }

        var before = await StoredAsync(api, Id(employer));
        var malformed = await SendAsync(client, method, Id(employer), """{"name": """);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("JSON parse error - ", (await ReadAsync(malformed, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StoredAsync(api, Id(employer)));
    }
}
