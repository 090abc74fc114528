using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Audit.AuditHttp;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Audit;

// A change and its entry land together or not at all. The database is made to refuse, by a
// trigger, either the entry (the change's last write) or the change itself; each time nothing of
// the change may remain, and the chain must not move.
public sealed class AuditAtomicityTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Changes() => ["create employer", "patch employer", "delete employer", "upload image", "delete image", "create user", "log out"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task A_change_whose_entry_is_refused_does_not_land(string change)
    {
        var admin = await api.ClientForAsync(Role.Admin);
        var employer = Id(await CreateAsync(admin, Unique()));
        var image = (await MediaHttp.UploadOkAsync(admin, TestImages.Png(20, 20), "atomic.png")).GetProperty("id").GetInt64();
        var before = await StateAsync();
        var head = await HeadAsync(api);

        HttpResponseMessage response;
        await using (await RefuseAsync("audit_entries", "INSERT"))
        {
            response = change switch
            {
                "create employer" => await PostAsync(admin, Body(new { name = Unique() })),
                "patch employer" => await PatchAsync(admin, employer, Body(new { description = "never stored" })),
                "delete employer" => await admin.DeleteAsync($"{Url}/{employer}"),
                "upload image" => await MediaHttp.UploadAsync(admin, TestImages.Png(30, 20), "refused.png"),
                "delete image" => await admin.DeleteAsync($"{MediaHttp.Path}/{image}"),
                "create user" => await admin.PostAsync("/api/users", Drf.Json(Body(new { username = $"u{Guid.NewGuid():N}"[..20], password = "a passphrase of note" }))),
                _ => await admin.DeleteAsync("/api/auth/token"),
            };
        }

        await Drf.AssertErrorAsync(response, HttpStatusCode.InternalServerError, "A server error occurred.");
        Assert.Equal(before, await StateAsync());
        Assert.Equal(head, await HeadAsync(api));
        Assert.Null((await VerifyAsync(api)).Problem);
    }

    [Fact]
    public async Task A_change_refused_after_its_entry_was_staged_leaves_no_entry()
    {
        var admin = await api.ClientForAsync(Role.Admin);
        var employer = Id(await CreateAsync(admin, Unique()));
        var before = await StateAsync();
        var head = await HeadAsync(api);

        HttpResponseMessage response;
        await using (await RefuseAsync("employers", "UPDATE"))
        {
            response = await PatchAsync(admin, employer, Body(new { description = "refused" }));
        }

        await Drf.AssertErrorAsync(response, HttpStatusCode.InternalServerError, "A server error occurred.");
        Assert.Equal(before, await StateAsync());
        Assert.Equal(head, await HeadAsync(api));
        Assert.Single(await EntriesAsync(admin, $"object_type=employer&object_id={employer}"));
    }

    // Everything a change could leave behind: rows of every kind, and the stored files.
    private Task<string> StateAsync() => api.WithDbAsync(async db =>
    {
        var rows = new List<string>();
        rows.AddRange(await db.Employers.OrderBy(e => e.Id).Select(e => $"employer {e.Id} {e.Name} {e.Description} {e.ImageId} {e.UpdatedAt:O}").ToListAsync());
        rows.AddRange(await db.Images.OrderBy(i => i.Id).Select(i => $"image {i.Id} {i.File}").ToListAsync());
        rows.AddRange(await db.Users.OrderBy(u => u.Id).Select(u => $"user {u.Id} {u.Username}").ToListAsync());
        rows.AddRange(await db.Tokens.OrderBy(t => t.Id).Select(t => $"token {t.Id}").ToListAsync());
        rows.AddRange(await db.AuditEntries.OrderBy(e => e.Id).Select(e => $"entry {e.Id}").ToListAsync());
        rows.AddRange((await api.StoredKeysAsync()).Order(StringComparer.Ordinal));
        return string.Join('\n', rows);
    });

    // A trigger that fails every `operation` on `table` until disposed.
    private async Task<IAsyncDisposable> RefuseAsync(string table, string operation)
    {
        var name = $"refuse_{table}_{operation}".ToLowerInvariant();
        if (TestDatabase.IsPostgresProfile)
        {
            await ExecuteAsync($"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$");
            await ExecuteAsync($"CREATE TRIGGER {name} BEFORE {operation} ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()");
            return new Undo(() => ExecuteAsync($"DROP TRIGGER {name} ON {table}; DROP FUNCTION {name}()"));
        }

        await ExecuteAsync($"CREATE TRIGGER {name} BEFORE {operation} ON {table} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
        return new Undo(() => ExecuteAsync($"DROP TRIGGER {name}"));
    }

    private Task<int> ExecuteAsync(string sql) => api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

    private sealed class Undo(Func<Task> undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await undo();
    }
}
