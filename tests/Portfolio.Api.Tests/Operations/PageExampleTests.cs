using System.Diagnostics;
using System.Net;
using System.Text;
using Portfolio.Api.Employers;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Operations;

// The page's own Python `requests` snippet, unchanged but for the address, id and key, against
// the real service started from its build output, with the token its first start printed.
public sealed class PageExampleTests
{
    private const string PageSnippet = """
        import requests

        # Retrieve a specific employer
        response = requests.get('http://www.example.com/api/portfolios/employers/123',
          headers={'Authorization': 'Token <your_api_key>'}
        )
        print(response.json())
        """;

    [Fact]
    public async Task The_pages_python_example_prints_the_employer()
    {
        await using var service = await ServiceProcess.StartAsync();
        var token = await service.AdminTokenAsync();
        var employerId = await SeedAsync(service.Database);

        var script = PageSnippet
            .Replace("http://www.example.com", service.BaseUrl, StringComparison.Ordinal)
            .Replace("/employers/123", $"/employers/{employerId}", StringComparison.Ordinal)
            .Replace("<your_api_key>", token, StringComparison.Ordinal);
        var printed = await RunPythonAsync(script);

        Assert.Contains($"'id': {employerId}", printed, StringComparison.Ordinal);
        Assert.Contains("'name': 'همکاران سیستم'", printed, StringComparison.Ordinal);
        Assert.Contains("'image_data': None", printed, StringComparison.Ordinal);
        Assert.Matches(@"'created_at': '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z'", printed);
    }

    [SqliteFact("the first-start bootstrap is the embedded profile's; PostgreSQL never runs it")]
    public async Task The_bootstrap_token_answers_the_404_body_on_a_fresh_database()
    {
        await using var service = await ServiceProcess.StartAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", $"Token {await service.BootstrapTokenAsync()}");

        var response = await http.GetAsync($"{service.BaseUrl}/api/portfolios/employers/1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("{\"detail\":\"Not found.\"}", await response.Content.ReadAsStringAsync());
        Assert.Contains("password:", service.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_ASCII_header_bytes_reach_the_token_parser_through_Kestrel()
    {
        await using var service = await ServiceProcess.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 });
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Token کلید");

        var response = await http.GetAsync($"{service.BaseUrl}/api/portfolios/employers/1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Token string should not contain invalid characters.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<long> SeedAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var now = DateTime.UtcNow;
        var employer = new Employer
        {
            Name = "همکاران سیستم",
            Description = "همکاران سیستم شرکتی در زمینه ... است",
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Employers.Add(employer);
        await db.SaveChangesAsync();
        return employer.Id;
    }

    private static async Task<string> RunPythonAsync(string script)
    {
        var start = new ProcessStartInfo("python3", ["-c", script])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync();
        var error = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(python.ExitCode == 0, $"python3 failed: {await error}");
        return await output;
    }
}
