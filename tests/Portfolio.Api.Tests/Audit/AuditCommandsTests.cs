using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Audit;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Audit.AuditHttp;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Audit;

// verify-audit and prune-audit as an operator runs them, against a trail tampered with in SQL,
// and the entries of the commands that change data. Each test has a trail of its own.
public sealed class AuditCommandsTests : IDisposable
{
    private const string ColumnsAfterId = "at, actor_id, actor, action, object_type, object_id, object_name, changes, request_id, client_address, user_agent, hash";
    private const string Columns = "id, " + ColumnsAfterId;

    private readonly OrphanFriendlyFactory _api = new();

    [Fact]
    public async Task Verify_audit_walks_an_intact_chain_and_prints_its_head()
    {
        await ChangeFiveTimesAsync();
        var head = await HeadAsync(_api);

        var result = await RunAsync("verify-audit");

        Assert.True(result.ExitCode == 0, result.Error);
        var hash = AuditChain.Format(await _api.WithDbAsync(async db => (await db.AuditEntries.FindAsync(head))!.Hash));
        Assert.Equal($"Audit trail verified: {head} entries, 1 to {head}, from anchor 0. Head: {head} {hash}", result.Output.Trim());
    }

    [Theory]
    [InlineData("UPDATE audit_entries SET object_name = 'someone else' WHERE id = 3", "entry 3 does not match its hash")]
    [InlineData("UPDATE audit_entries SET changes = '[]' WHERE id = 1", "entry 1 does not match its hash")]
    [InlineData("UPDATE audit_entries SET hash = (SELECT hash FROM audit_entries WHERE id = 2) WHERE id = 3", "entry 3 does not match its hash")]
    [InlineData("DELETE FROM audit_entries WHERE id = 2", "entry 2 is missing (the chain goes from 1 to 3)")]
    [InlineData("DELETE FROM audit_entries WHERE id IN (2, 3)", "entries 2 to 3 are missing (the chain goes from 1 to 4)")]
    [InlineData("DELETE FROM audit_entries WHERE id = 6", "entry 6 is missing (the chain ends at 5 but its head is entry 6)")]
    [InlineData($"INSERT INTO audit_entries ({Columns}) SELECT id + 1, {ColumnsAfterId} FROM audit_entries WHERE id = 6", "entry 7 does not match its hash")]
    public async Task Verify_audit_names_the_first_broken_link_of_a_chain_changed_in_SQL(string sql, string problem)
    {
        await ChangeFiveTimesAsync();
        Assert.Equal(6, await HeadAsync(_api));
        await _api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));

        var result = await RunAsync("verify-audit");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"Audit trail broken: {problem}", result.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_audit_sees_an_entry_forged_with_a_right_hash_past_the_head()
    {
        await ChangeFiveTimesAsync();
        await _api.WithDbAsync(async db =>
        {
            var last = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == 6);
            var forged = new AuditEntry { Id = 7, At = last.At, Action = AuditActions.EmployerDelete, ObjectType = AuditObjects.Employer, ObjectId = 2, Changes = "{}" };
            forged.Hash = AuditChain.Link(last.Hash, forged);
            db.AuditEntries.Add(forged);
            await db.SaveChangesAsync();
        });

        var result = await RunAsync("verify-audit");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("Audit trail broken: entry 7 is past the chain's head 6: it was inserted by hand.", result.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_audit_keeps_an_anchor_so_that_the_rest_still_verifies_and_tampering_still_shows()
    {
        var admin = await ChangeFiveTimesAsync();
        var third = (await EntriesAsync(admin, "")).Single(e => e.GetProperty("id").GetInt64() == 3);

        var pruned = await RunAsync("prune-audit", "--before", third.GetProperty("at").GetString()!);

        Assert.True(pruned.ExitCode == 0, pruned.Error);
        Assert.Equal("Pruned 2 audit entries (1 to 2); the chain is anchored at 2.", pruned.Output.Trim());
        var entries = await EntriesAsync(admin, "");
        Assert.Equal([7, 6, 5, 4, 3], entries.Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal("audit.prune", Action(entries[0]));
        Assert.Equal("system", entries[0].GetProperty("actor").GetString());
        Assert.Equal("""{"before":{"new":"@"},"anchor":{"old":0,"new":2},"removed":{"new":2}}""".Replace("@", third.GetProperty("at").GetString(), StringComparison.Ordinal), Changes(entries[0]));

        var verified = await RunAsync("verify-audit");
        Assert.True(verified.ExitCode == 0, verified.Error);
        Assert.StartsWith("Audit trail verified: 5 entries, 3 to 7, from anchor 2.", verified.Output.Trim(), StringComparison.Ordinal);
        Assert.Equal("No audit entries to prune.", (await RunAsync("prune-audit", "--before", "2000-01-01")).Output.Trim());

        await _api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync($"INSERT INTO audit_entries ({Columns}) SELECT 1, {ColumnsAfterId} FROM audit_entries WHERE id = 3"));
        var inserted = await RunAsync("verify-audit");
        Assert.Equal(1, inserted.ExitCode);
        Assert.StartsWith("Audit trail broken: entry 1 is at or before the anchor 2: it was inserted after pruning.", inserted.Error.Trim(), StringComparison.Ordinal);

        await _api.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE id = 1; UPDATE audit_entries SET actor = 'nobody' WHERE id = 3"));
        var edited = await RunAsync("verify-audit");
        Assert.Equal(1, edited.ExitCode);
        Assert.StartsWith("Audit trail broken: entry 3 does not match its hash", edited.Error.Trim(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2026-02-30")]
    public async Task Prune_audit_refuses_a_date_it_cannot_read_and_removes_nothing(string before)
    {
        await ChangeFiveTimesAsync();

        var result = await RunAsync("prune-audit", "--before", before);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("--before: Enter a valid date/time.", result.Error.Trim());
        Assert.Equal(6, await _api.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task The_commands_that_change_data_leave_entries_by_the_system()
    {
        var admin = await _api.ClientForAsync(Role.Admin);
        var name = $"ops{Guid.NewGuid():N}"[..20];
        var created = await ManagementCommand.RunAsync(_api, "", new Dictionary<string, string?>
        {
            ["PORTFOLIO_SUPERUSER_PASSWORD"] = "correct horse battery",
        }, "createsuperuser", "--username", name, "--noinput");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal(0, (await RunAsync("createtoken", name)).ExitCode);
        await _api.Store.SaveAsync("core_media/2020/01/01/orphan.png", "junk"u8.ToArray(), overwrite: true, CancellationToken.None);
        Assert.Equal(0, (await RunAsync("cleanup-media")).ExitCode);

        var entries = await EntriesAsync(admin, "actor=system");

        // The last is the token the test gave its admin.
        Assert.Equal(["media.cleanup", "token.issue", "user.create", "token.issue"], entries.Select(Action));
        Assert.All(entries, e => Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("actor_id").ValueKind));
        Assert.All(entries, e => Assert.Equal(System.Text.Json.JsonValueKind.Null, e.GetProperty("client_address").ValueKind));
        Assert.Equal(name, entries[2].GetProperty("object_name").GetString());
        Assert.Contains("\"is_superuser\":{\"new\":true}", Changes(entries[2]), StringComparison.Ordinal);
        Assert.Equal(name, entries[1].GetProperty("object_name").GetString());
        Assert.Contains("core_media/2020/01/01/orphan.png", Changes(entries[0]), StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync("verify-audit")).ExitCode);
    }

    public void Dispose() => _api.Dispose();

    // Six entries: the admin's token (1), three employers created (2 to 4), one changed (5), a logo uploaded (6).
    private async Task<HttpClient> ChangeFiveTimesAsync()
    {
        var admin = await _api.ClientForAsync(Role.Admin);
        var first = Id(await CreateAsync(admin, Unique()));
        await CreateAsync(admin, Unique());
        await CreateAsync(admin, Unique());
        await ReadAsync(await PatchAsync(admin, first, Body(new { description = "changed" })), System.Net.HttpStatusCode.OK);
        await MediaHttp.UploadOkAsync(admin, TestImages.Png(20, 20), "five.png");
        return admin;
    }

    private Task<CommandResult> RunAsync(params string[] args) => ManagementCommand.RunAsync(_api, "", args);

    private sealed class OrphanFriendlyFactory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Media:OrphanMinimumAge"] = "00:00:00",
        };
    }
}
