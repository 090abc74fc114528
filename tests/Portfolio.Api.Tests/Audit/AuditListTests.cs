using System.Net;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Audit.AuditHttp;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Audit;

// GET /api/audit: DRF's page-number pagination, newest first, django-filter's filters and errors.
public sealed class AuditListTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Filters_narrow_the_trail_to_an_actor_an_action_an_object_and_a_time()
    {
        var staff = await api.CreateUserAsync(Role.Staff4222);
        var client = api.ClientWithToken(staff.Token);
        var admin = await api.ClientForAsync(Role.Admin);
        var first = Id(await CreateAsync(client, Unique()));
        var second = Id(await CreateAsync(client, Unique()));
        await ReadAsync(await PatchAsync(client, second, Body(new { description = "changed" })), HttpStatusCode.OK);

        var mine = await EntriesAsync(admin, $"actor={staff.Username}");
        Assert.Equal(["employer.update", "employer.create", "employer.create"], mine.Select(Action));
        Assert.Equal(mine.Select(Action), (await EntriesAsync(admin, $"actor_id={staff.Id}")).Select(Action));
        Assert.Equal([first, second], (await EntriesAsync(admin, $"actor_id={staff.Id}&action=employer.create"))
            .Select(e => e.GetProperty("object_id").GetInt64()).Order());
        Assert.Equal(["employer.update", "employer.create"], (await EntriesAsync(admin, $"object_type=employer&object_id={second}")).Select(Action));

        var at = mine[1].GetProperty("at").GetString()!;
        Assert.Equal(["employer.update", "employer.create"], (await EntriesAsync(admin, $"actor_id={staff.Id}&since={at}")).Select(Action));
        Assert.Equal(["employer.create", "employer.create"], (await EntriesAsync(admin, $"actor_id={staff.Id}&until={at}")).Select(Action));
        Assert.Empty(await EntriesAsync(admin, $"actor_id={staff.Id}&since=2999-01-01"));
        Assert.Empty(await EntriesAsync(admin, $"actor_id={staff.Id}&until=2000-01-01T00:00:00%2B03:30"));
        Assert.Equal(3, (await EntriesAsync(admin, $"actor_id={staff.Id}&since=2000-01-01 00:00&until=")).Count);
    }

    [Fact]
    public async Task The_trail_is_paginated_newest_first_as_DRF_pages_are()
    {
        var client = await api.ClientForAsync(Role.Staff4222);
        var admin = await api.ClientForAsync(Role.Admin);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(client, Unique());
        }

        var page = await PageAsync(admin, $"{TrailUrl}?page_size=2&action=employer.create");

        Assert.True(page.GetProperty("count").GetInt32() >= 3);
        Assert.Equal($"http://localhost{TrailUrl}?action=employer.create&page=2&page_size=2", page.GetProperty("next").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, page.GetProperty("previous").ValueKind);
        var ids = page.GetProperty("results").EnumerateArray().Select(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(ids.OrderDescending(), ids);
        await Drf.AssertErrorAsync(await admin.GetAsync($"{TrailUrl}?page=9999"), HttpStatusCode.NotFound, "Invalid page.");
    }

    [Theory]
    [InlineData("action=nope", """{"action": ["Select a valid choice. nope is not one of the available choices."]}""")]
    [InlineData("object_type=planet", """{"object_type": ["Select a valid choice. planet is not one of the available choices."]}""")]
    [InlineData("object_type=employer&object_id=abc", """{"object_id": ["Enter a whole number."]}""")]
    [InlineData("object_id=5", """{"object_id": ["Give object_type with object_id."]}""")]
    [InlineData("actor=a%00b", """{"actor": ["Null characters are not allowed."]}""")]
    [InlineData("actor_id=%DB%B1", """{"actor_id": ["Enter a whole number."]}""")]
    [InlineData("since=yesterday", """{"since": ["Enter a valid date/time."]}""")]
    [InlineData("until=2026-13-01", """{"until": ["Enter a valid date/time."]}""")]
    [InlineData("since=2026-01-01T10:00:00%2B99:00", """{"since": ["Enter a valid date/time."]}""")]
    [InlineData("since=%DB%B2%DB%B0%DB%B2%DB%B6-01-01", """{"since": ["Enter a valid date/time."]}""")]
    [InlineData("action=x&until=never", """{"action": ["Select a valid choice. x is not one of the available choices."], "until": ["Enter a valid date/time."]}""")]
    public async Task A_wrong_filter_answers_DRFs_400_naming_it(string query, string expected)
    {
        var admin = await api.ClientForAsync(Role.Admin);

        await Drf.AssertBodyAsync(await admin.GetAsync($"{TrailUrl}?{query}"), HttpStatusCode.BadRequest, expected);
    }
}
