using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Accounts;

// Every endpoint of the service against every role, from one table: an endpoint that lands later
// adds its row here. A refused request (401, 403) must leave the database and media untouched.
public sealed class AccessMatrixTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string TargetPassword = "matrix passphrase";

    private static readonly Role[] Roles =
        [Role.Anonymous, Role.Plain, Role.NonStaff4222, Role.Staff, Role.StaffOtherCode, Role.Staff4222, Role.Admin];

    // Placeholders: {employer} an employer's id, {target} a plain user's id and {target_name} their
    // username (password TargetPassword), {new_name} a username nobody holds yet.
    private static readonly Endpoint[] Endpoints =
    [
        //                                                                    anon plain 4222 staff other s4222 admin
        new("GET", "/healthz", null, [200, 200, 200, 200, 200, 200, 200]),
        new("GET", "/readyz", null, [200, 200, 200, 200, 200, 200, 200]),
        new("GET", "/api/portfolios/employers/{employer}", null, [401, 403, 403, 403, 403, 200, 200]),
        new("GET", "/api/portfolios/employers", null, [401, 403, 403, 403, 403, 200, 200]),
        new("POST", "/api/portfolios/employers", """{"name": "{new_name}"}""", [401, 403, 403, 403, 403, 201, 201]),
        new("PUT", "/api/portfolios/employers/{employer}", """{"name": "{new_name}", "description": "put"}""", [401, 403, 403, 403, 403, 200, 200]),
        new("PATCH", "/api/portfolios/employers/{employer}", """{"description": "patched"}""", [401, 403, 403, 403, 403, 200, 200]),
        new("DELETE", "/api/portfolios/employers/{employer}", null, [401, 403, 403, 403, 403, 204, 204]),
        new("GET", "/api/portfolios/employers/{employer}/history", null, [401, 403, 403, 403, 403, 200, 200]),
        new("POST", "/api/auth/token", $$"""{"username": "{target_name}", "password": "{{TargetPassword}}"}""", [200, 200, 200, 200, 200, 200, 200]),
        new("DELETE", "/api/auth/token", null, [401, 204, 204, 204, 204, 204, 204]),
        new("GET", "/api/auth/me", null, [401, 200, 200, 200, 200, 200, 200]),
        new("GET", "/api/users", null, [401, 403, 403, 403, 403, 403, 200]),
        new("POST", "/api/users", """{"username": "{new_name}", "password": "a fresh passphrase"}""", [401, 403, 403, 403, 403, 403, 201]),
        new("GET", "/api/users/{target}", null, [401, 403, 403, 403, 403, 403, 200]),
        new("PATCH", "/api/users/{target}", """{"is_staff": true, "permissions": [4222]}""", [401, 403, 403, 403, 403, 403, 200]),
        new("DELETE", "/api/users/{target}", null, [401, 403, 403, 403, 403, 403, 204]),
        new("GET", "/api/permissions", null, [401, 403, 403, 403, 403, 403, 200]),
        new("GET", "/api/audit", null, [401, 403, 403, 403, 403, 403, 200]),
        new("GET", "/api/audit?action=employer.create", null, [401, 403, 403, 403, 403, 403, 200]),
        new("GET", "/api/audit?action=nope", null, [401, 403, 403, 403, 403, 403, 400]),
    ];

    public static TheoryData<string, string, Role, int> Cases()
    {
        var cases = new TheoryData<string, string, Role, int>();
        foreach (var endpoint in Endpoints)
        {
            for (var i = 0; i < Roles.Length; i++)
            {
                cases.Add(endpoint.Method, endpoint.Path, Roles[i], endpoint.Expected[i]);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_endpoint_answers_each_role_as_the_table_says(string method, string path, Role role, int expected)
    {
        var endpoint = Endpoints.Single(e => e.Method == method && e.Path == path);
        var client = await api.ClientForAsync(role);
        var target = await api.CreateUserAsync(Role.Plain, endpoint.Body?.Contains("{target_name}", StringComparison.Ordinal) == true ? TargetPassword : null);
        var employer = await Seed.EmployerAsync(api, $"matrix {Guid.NewGuid():N}");
        string Fill(string text) => text
            .Replace("{employer}", employer.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{target_name}", target.Username, StringComparison.Ordinal)
            .Replace("{target}", target.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{new_name}", $"new-{Guid.NewGuid():N}", StringComparison.Ordinal);

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        if (endpoint.Body is not null)
        {
            request.Content = Drf.Json(Fill(endpoint.Body));
        }

        var before = await SnapshotAsync();
        var response = await client.SendAsync(request);

        Assert.True(expected == (int)response.StatusCode, $"{method} {path} as {role}: expected {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Assert.Equal(before, await SnapshotAsync());
        }
    }

    // Everything a request could change, except a token's last-used time, which any authenticated
    // request may move.
    private Task<string> SnapshotAsync() => api.WithDbAsync(async db =>
    {
        var rows = new List<string>();
        rows.AddRange(await db.Users.OrderBy(u => u.Id)
            .Select(u => $"user {u.Id} {u.Username} {u.IsStaff} {u.IsSuperuser} {u.IsActive} {u.PasswordHash}").ToListAsync());
        rows.AddRange(await db.UserPermissions.OrderBy(p => p.UserId).ThenBy(p => p.Code)
            .Select(p => $"grant {p.UserId} {p.Code}").ToListAsync());
        rows.AddRange(await db.Permissions.OrderBy(p => p.Code).Select(p => $"permission {p.Code} {p.Name}").ToListAsync());
        rows.AddRange(await db.Tokens.OrderBy(t => t.Id).Select(t => $"token {t.Id} {t.UserId} {t.ExpiresAt}").ToListAsync());
        rows.AddRange(await db.Employers.OrderBy(e => e.Id)
            .Select(e => $"employer {e.Id} {e.Name} {e.Description} {e.ImageId} {e.UpdatedAt:O}").ToListAsync());
        rows.AddRange(await db.Images.OrderBy(i => i.Id).Select(i => $"image {i.Id} {i.File} {i.Size}").ToListAsync());
        rows.AddRange((await api.StoredKeysAsync()).Order(StringComparer.Ordinal).Select(key => $"file {key}"));

        return string.Join('\n', rows);
    });

    private sealed record Endpoint(string Method, string Path, string? Body, int[] Expected);
}
