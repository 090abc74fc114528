using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// POST /api/portfolios/employers: what is stored, what is answered, and every refusal in DRF's words.
public sealed class CreateEmployerTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Create_answers_201_with_the_retrieve_representation_and_a_location()
    {
        var client = await StaffAsync(api);
        var name = Unique();

        var response = await PostAsync(client, Body(new { name, description = "A client since 2020." }));

        var created = await ReadAsync(response, HttpStatusCode.Created);
        Assert.Equal($"{Url}/{Id(created)}", response.Headers.Location?.OriginalString);
        Assert.Equal(["id", "name", "image_data", "description", "created_at", "updated_at"], created.EnumerateObject().Select(p => p.Name));
        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("image_data").ValueKind);
        Assert.Equal(created.GetProperty("created_at").GetString(), created.GetProperty("updated_at").GetString());
        var retrieved = await client.GetStringAsync($"{Url}/{Id(created)}");
        Assert.Equal(retrieved, created.GetRawText());
    }

    [Fact]
    public async Task Create_with_an_image_answers_its_image_data_and_thumbnails()
    {
        var client = await StaffAsync(api);
        var image = (await Seed.PageEmployerAsync(api)).ImageId!.Value;

        var created = await CreateAsync(client, Unique(), image: image);

        var data = created.GetProperty("image_data");
        Assert.Equal(image, data.GetProperty("id").GetInt64());
        Assert.Equal([64, 128, 512, 1080], data.GetProperty("thumbnails").EnumerateArray().Select(t => t.GetProperty("size").GetInt32()));
    }

    [Theory]
    [InlineData("همکاران سیستم")]
    [InlineData("می‌کوشیم و مي‌سازيم")]
    [InlineData("شركة الكيان ـــ ۱۴۰۳")]
    [InlineData("Ünïcödé 🚀 شرکت")]
    public async Task Persian_names_come_back_byte_for_byte_as_sent(string name)
    {
        var client = await StaffAsync(api);
        var sent = $"{name} {Guid.NewGuid():N}";

        var response = await PostAsync(client, Body(new { name = sent, description = name }));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"name\":\"{sent}\"")) >= 0, Encoding.UTF8.GetString(bytes));
        var id = JsonDocument.Parse(bytes).RootElement.GetProperty("id").GetInt64();
        var retrieved = await client.GetByteArrayAsync($"{Url}/{id}");
        Assert.True(retrieved.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"name\":\"{sent}\",")) >= 0);
        Assert.Equal(sent, await api.WithDbAsync(db => db.Employers.Where(e => e.Id == id).Select(e => e.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_name_and_description_are_trimmed_and_the_inner_spelling_kept()
    {
        var client = await StaffAsync(api);
        var name = $"همكاران  سيستم {Guid.NewGuid():N}";

        var created = await CreateAsync(client, $"  \t{name}\n ", "  text  ");

        Assert.Equal(name, created.GetProperty("name").GetString());
        Assert.Equal("text", created.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Read_only_fields_in_the_body_are_ignored()
    {
        var client = await StaffAsync(api);
        var name = Unique();

        var created = await ReadAsync(await PostAsync(client, Body(new
        {
            id = 999_999,
            name,
            image_data = new { id = 5 },
            created_at = "2000-01-01T00:00:00.000000Z",
            updated_at = "2000-01-01T00:00:00.000000Z",
            unknown = "field",
        })), HttpStatusCode.Created);

        Assert.NotEqual(999_999, Id(created));
        Assert.Equal(JsonValueKind.Null, created.GetProperty("image_data").ValueKind);
        Assert.StartsWith(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), created.GetProperty("created_at").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Description_may_be_null_empty_or_5000_characters()
    {
        var client = await StaffAsync(api);

        Assert.Equal(JsonValueKind.Null, (await CreateAsync(client, Unique(), null)).GetProperty("description").ValueKind);
        Assert.Equal("", (await CreateAsync(client, Unique(), "   ")).GetProperty("description").GetString());
        Assert.Equal(5000, (await CreateAsync(client, Unique(), new string('د', 5000))).GetProperty("description").GetString()!.Length);
    }

    [Fact]
    public async Task A_name_of_255_code_points_is_accepted_even_when_they_take_two_UTF16_units()
    {
        var client = await StaffAsync(api);
        var name = string.Concat(Enumerable.Repeat("🏢", 223)) + Guid.NewGuid().ToString("N");

        var created = await CreateAsync(client, name);

        Assert.Equal(name, created.GetProperty("name").GetString());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { """{"description": "no name"}""", """{"name": ["This field is required."]}""" },
        { """{"name": null}""", """{"name": ["This field may not be null."]}""" },
        { """{"name": ""}""", """{"name": ["This field may not be blank."]}""" },
        { """{"name": "   "}""", """{"name": ["This field may not be blank."]}""" },
        { """{"name": "\u200c\u0640"}""", """{"name": ["This field may not be blank."]}""" },
        { $$"""{"name": "{{new string('n', 256)}}"}""", """{"name": ["Ensure this field has no more than 255 characters."]}""" },
        { """{"name": "line\nbreak"}""", """{"name": ["Control characters are not allowed."]}""" },
        { """{"name": "nul\u0000"}""", """{"name": ["Null characters are not allowed."]}""" },
        { """{"name": "bell\u0007"}""", """{"name": ["Control characters are not allowed."]}""" },
        { """{"name": true}""", """{"name": ["Not a valid string."]}""" },
        { """{"name": {"fa": "x"}}""", """{"name": ["Not a valid string."]}""" },
        { """{"name": "ok", "description": "nul\u0000"}""", """{"description": ["Null characters are not allowed."]}""" },
        { $$"""{"name": "ok", "description": "{{new string('d', 5001)}}"}""", """{"description": ["Ensure this field has no more than 5000 characters."]}""" },
        { """{"name": "ok", "description": 12.5}""", """{"description": ["Not a valid string."]}""" },
        { """{"name": "ok", "image": 99999999}""", """{"image": ["Invalid pk \"99999999\" - object does not exist."]}""" },
        { """{"name": "ok", "image": 0}""", """{"image": ["Invalid pk \"0\" - object does not exist."]}""" },
        { """{"name": "ok", "image": -4}""", """{"image": ["Invalid pk \"-4\" - object does not exist."]}""" },
        { """{"name": "ok", "image": 99999999999999999999}""", """{"image": ["Invalid pk \"99999999999999999999\" - object does not exist."]}""" },
        { """{"name": "ok", "image": "5"}""", """{"image": ["Incorrect type. Expected pk value, received str."]}""" },
        { """{"name": "ok", "image": 12.5}""", """{"image": ["Incorrect type. Expected pk value, received float."]}""" },
        { """{"name": "ok", "image": 5.0}""", """{"image": ["Incorrect type. Expected pk value, received float."]}""" },
        { """{"name": "ok", "image": 1e2}""", """{"image": ["Incorrect type. Expected pk value, received float."]}""" },
        { """{"name": "ok", "image": true}""", """{"image": ["Incorrect type. Expected pk value, received bool."]}""" },
        { """{"name": "ok", "image": {"id": 5}}""", """{"image": ["Incorrect type. Expected pk value, received dict."]}""" },
        { """{"name": "ok", "image": [5]}""", """{"image": ["Incorrect type. Expected pk value, received list."]}""" },
        { """{"name": "", "description": 7.5, "image": "x"}""",
          """{"name": ["This field may not be blank."], "description": ["Not a valid string."], "image": ["Incorrect type. Expected pk value, received str."]}""" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_create_answers_DRFs_body_and_stores_nothing(string json, string expected)
    {
        var client = await StaffAsync(api);
        var before = await AllStoredAsync(api);

        await Drf.AssertBodyAsync(await PostAsync(client, json), HttpStatusCode.BadRequest, expected);

        Assert.Equal(before, await AllStoredAsync(api));
    }

    [Fact]
    public async Task An_integer_name_is_taken_as_its_text()
    {
        var client = await StaffAsync(api);
        var number = Random.Shared.NextInt64(1_000_000_000, 9_000_000_000);

        var created = await ReadAsync(await PostAsync(client, $$"""{"name": {{number}}}"""), HttpStatusCode.Created);

        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), created.GetProperty("name").GetString());
    }

    // The id is drawn with the checks on PostgreSQL (EmployerEditor.CheckAsync): an employer the
    // checks refuse uses none up, and the next one created takes the next id.
    [Fact]
    public async Task A_refused_create_uses_up_no_id_and_names_its_fields_in_order()
    {
        using var fresh = new ApiFactory();
        var client = await StaffAsync(fresh);
        var first = Id(await CreateAsync(client, "کارفرمای نخست"));

        var both = await PostAsync(client, Body(new { name = "كارفرماي نخست", image = 999_999 }));
        await Drf.AssertBodyAsync(both, HttpStatusCode.BadRequest,
            """{"name": ["employer with this name already exists."], "image": ["Invalid pk \"999999\" - object does not exist."]}""");
        var text = await both.Content.ReadAsStringAsync();
        Assert.True(text.IndexOf("\"name\"", StringComparison.Ordinal) < text.IndexOf("\"image\"", StringComparison.Ordinal), text);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, Body(new { name = "کارفرمای نخست" }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, Body(new { name = "کارفرمای دوم", image = 999_999 }))).StatusCode);

        Assert.Equal(first + 1, Id(await CreateAsync(client, "کارفرمای دوم")));
    }
}
