using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Admin.Browser;

// The service on a real Kestrel socket on loopback, and Debian's Chromium driven by Playwright
// through its executable path (Playwright's own browser download cannot run here). A missing
// browser fails the class: these tests are part of what CI must pass.
public class ConsoleServer : ApiFactory, IAsyncLifetime
{
    public const string ChromiumVariable = "PORTFOLIO_CHROMIUM";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ConsoleServer()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    public Uri Address { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Address = new Uri(addresses.Addresses.Single());

        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"No Chromium at {chromium}: install Debian's chromium package or set {ChromiumVariable}.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
    }

    // A browser of its own (cookies, language) for one test.
    internal async Task<ConsolePage> NewPageAsync(string language, bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new()
        {
            JavaScriptEnabled = javaScript,
            BaseURL = Address.ToString(),
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        return new ConsolePage(await context.NewPageAsync(), language);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}
