using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Portfolio.Api.Tests.Admin;
using Portfolio.Api.Tests.Employers;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Reliability;

// One service for the whole fuzz run, with the rows a generated request can aim at: an employer
// with an image, a user to change, and callers of every kind. Every request it sends must be
// answered below 500, within the timeout, and with no trace of the code or the database in it.
public sealed partial class FuzzTarget : IAsyncLifetime
{
    // A trusted proxy, so that X-Forwarded-* are read and not just ignored; a request claims to
    // come from it with ClientAddress's header.
    public const string Proxy = "10.9.0.1";

    private const string AdminPassword = "fuzzing console passphrase";

    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    // What a stack trace, an exception message or a database error would leave in a body.
    private static readonly string[] Leaks =
    [
        "Exception", " at Portfolio.", "   at ", "Microsoft.", "System.", "Npgsql", "SQLite Error", "SqliteError", "SELECT ", "INSERT INTO",
        "DELETE FROM", "UPDATE \"", "syntax error", "invalid byte sequence", "violates", "constraint", ".cs:line", "/tmp/", "/root/", "/home/",
        "/work/", "StackTrace",
    ];

    private long _sent;

    internal ApiFactory Api { get; } = new Factory();

    internal HttpClient Client { get; private set; } = null!;

    internal string AdminToken { get; private set; } = "";

    internal string StaffToken { get; private set; } = "";

    internal long EmployerId { get; private set; }

    internal long MediaId { get; private set; }

    internal string MediaFilePath { get; private set; } = "";

    internal long UserId { get; private set; }

    internal string ConsoleCookies { get; private set; } = "";

    internal string AntiforgeryToken { get; private set; } = "";

    public long Sent => Interlocked.Read(ref _sent);

    public async Task InitializeAsync()
    {
        Client = Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        Client.Timeout = Timeout.InfiniteTimeSpan;
        var (browser, admin) = await ConsoleBrowser.SignedInAsync(Api, Role.Admin, AdminPassword);
        AdminToken = admin.Token;
        StaffToken = (await Api.CreateUserAsync(Role.Staff4222)).Token;
        UserId = (await Api.CreateUserAsync(Role.Plain)).Id;
        var staff = Api.ClientWithToken(StaffToken);
        var image = await MediaHttp.UploadOkAsync(staff, TestImages.Png(24, 16), "fuzz.png");
        MediaId = image.GetProperty("id").GetInt64();
        MediaFilePath = new Uri(image.GetProperty("f").GetString()!).PathAndQuery;
        EmployerId = EmployerHttp.Id(await EmployerHttp.CreateAsync(staff, EmployerHttp.Unique("fuzz"), "fuzzed", MediaId));
        var page = await browser.PageAsync("/admin/employers/new");
        AntiforgeryToken = AntiforgeryField().Match(page).Groups["value"].Value;
        ConsoleCookies = browser.CookieHeader("/admin");
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        Api.Dispose();
        return Task.CompletedTask;
    }

    // Sends the request and checks its answer; any failure names the request, and CsCheck adds the seed.
    internal async Task AssertSurvivesAsync(FuzzRequest request)
    {
        // The test host's client refuses a NUL in the path (Kestrel answers 400 before the service sees it).
        var path = request.Target.Split('?')[0];
        if (!Uri.TryCreate(request.Target, UriKind.Relative, out var target) || path.Contains("%00", StringComparison.Ordinal))
        {
            return;
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            }
        }

        Authorize(message, request.As);
        foreach (var (name, value) in request.AllHeaders)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        Interlocked.Increment(ref _sent);
        using var timeout = new CancellationTokenSource(RequestTimeout);
        string body;
        int status;
        try
        {
            using var response = await Client.SendAsync(message, timeout.Token);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new Xunit.Sdk.XunitException($"no answer within {RequestTimeout.TotalSeconds} s:\n{request}");
        }

        if (status >= 500)
        {
            throw new Xunit.Sdk.XunitException($"answered {status}: {Shorten(body)}\n{request}");
        }

        if (Leaks.FirstOrDefault(leak => body.Contains(leak, StringComparison.Ordinal)) is { } found)
        {
            throw new Xunit.Sdk.XunitException($"answered {status} with \"{found}\" in the body: {Shorten(body)}\n{request}");
        }
    }

    private void Authorize(HttpRequestMessage message, Caller caller)
    {
        switch (caller)
        {
            case Caller.Staff:
                message.Headers.Authorization = new AuthenticationHeaderValue("Token", StaffToken);
                break;
            case Caller.Admin:
                message.Headers.Authorization = new AuthenticationHeaderValue("Token", AdminToken);
                break;
            case Caller.Console:
                message.Headers.TryAddWithoutValidation("Cookie", ConsoleCookies);
                break;
            default:
                break;
        }
    }

    private static string Shorten(string body) => body.Length > 2000 ? body[..2000] + "..." : body;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed class Factory : ApiFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies"] = Proxy,
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            ClientAddress.TakeFromHeader(builder);
        }
    }
}
