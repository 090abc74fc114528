using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Tests.TestHost;
using static Portfolio.Api.Tests.Employers.EmployerHttp;

namespace Portfolio.Api.Tests.Employers;

// `reindex-search`, run as the operator runs it, against this test's own database.
public sealed class ReindexSearchTests : IDisposable
{
    private readonly ApiFactory _api = new();

    [SqliteFact("the vocabulary of words is SQLite's")]
    public async Task Reindex_search_drops_the_words_no_text_holds_and_search_finds_the_same()
    {
        var client = await StaffAsync(_api);
        var token = Guid.NewGuid().ToString("N");
        var id = Id(await CreateAsync(client, $"{token} before", "oldword kept"));
        await ReadAsync(await PatchAsync(client, id, Body(new { description = "newword kept" })), HttpStatusCode.OK);
        Assert.Equal(["oldword"], await WordsAsync("oldword"));

        var result = await ManagementCommand.RunAsync(_api, "", "reindex-search");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"Search vocabulary: \d+ words, 1 no longer in any text removed; indexes merged\.", result.Output);
        Assert.Empty(await WordsAsync("oldword"));
        Assert.Equal(["newword"], await WordsAsync("newword"));
        Assert.Equal([id], await SearchAsync(client, $"{token} ewwor kept"));
        Assert.Empty(await SearchAsync(client, $"{token} oldword"));
    }

    [PostgresFact]
    public async Task Reindex_search_has_nothing_to_do_on_PostgreSQL()
    {
        var result = await ManagementCommand.RunAsync(_api, "", "reindex-search");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Nothing to do", result.Output, StringComparison.Ordinal);
    }

    private Task<List<string>> WordsAsync(string word) => _api.WithDbAsync(db =>
        db.Database.SqlQueryRaw<string>("SELECT word AS Value FROM search_word_trigrams WHERE search_word_trigrams MATCH {0}", $"\"{word}\"").ToListAsync());

    public void Dispose() => _api.Dispose();
}
