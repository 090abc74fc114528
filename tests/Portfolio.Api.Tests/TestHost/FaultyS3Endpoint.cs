using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Portfolio.Api.Tests.TestHost;

// An S3 endpoint that fails on cue: it forwards to moto until told to cut requests off, which it
// does by dropping the connection mid-request, as an endpoint that dies or a network that breaks.
// It can also stop listening and start again on its port, while moto behind it keeps the objects.
public sealed class FaultyS3Endpoint : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Expect", "Upgrade",
    };

    private readonly HttpClient _target;
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<HttpContext, byte> _inFlight = new();
    private WebApplication _app = null!;
    private int _putsBeforeCut = int.MaxValue;
    private bool _putsOnly;

    private FaultyS3Endpoint(string target) => _target = new HttpClient { BaseAddress = new Uri(target) };

    public string Url { get; private set; } = "http://127.0.0.1:0";

    public static async Task<FaultyS3Endpoint> StartAsync(string target)
    {
        var endpoint = new FaultyS3Endpoint(target);
        await endpoint.ListenAsync();
        return endpoint;
    }

    // As an endpoint whose process is killed: requests in flight are cut off (moto may have
    // stored a PUT whose answer is lost) and new connections refused, until StartAgainAsync.
    public async Task StopAsync()
    {
        GoDownAfterPuts(0);
        foreach (var context in _inFlight.Keys)
        {
            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // It finished meanwhile: nothing left to cut.
            }
        }

        await _app.DisposeAsync();
    }

    // Listening again on the same port, forwarding everything.
    public async Task StartAgainAsync()
    {
        await ListenAsync();
        Restore();
    }

    // After `puts` more PUTs, every further PUT is cut off; other requests (deletes) still pass.
    public void FailPutsAfter(int puts) => Set(puts, putsOnly: true);

    // After `puts` more PUTs, every request is cut off until Restore.
    public void GoDownAfterPuts(int puts) => Set(puts, putsOnly: false);

    public void Restore() => Set(int.MaxValue, putsOnly: false);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _target.Dispose();
    }

    private async Task ListenAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url);
        _app = builder.Build();
        _app.Run(ForwardAsync);
        await _app.StartAsync();
        Url = _app.Urls.First();
    }

    private void Set(int puts, bool putsOnly)
    {
        lock (_lock)
        {
            _putsBeforeCut = puts;
            _putsOnly = putsOnly;
        }
    }

    private bool ShouldCut(string method)
    {
        var isPut = HttpMethods.IsPut(method);
        lock (_lock)
        {
            if (_putsBeforeCut > 0)
            {
                _putsBeforeCut -= isPut && _putsBeforeCut != int.MaxValue ? 1 : 0;
                return false;
            }

            return isPut || !_putsOnly;
        }
    }

    private async Task ForwardAsync(HttpContext context)
    {
        _inFlight[context] = 0;
        try
        {
            await ForwardOrCutAsync(context);
        }
        finally
        {
            _inFlight.TryRemove(context, out _);
        }
    }

    private async Task ForwardOrCutAsync(HttpContext context)
    {
        if (ShouldCut(context.Request.Method))
        {
            context.Abort();
            return;
        }

        // The raw target keeps the client's percent-encoding, which its signature covers.
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), target);
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(context.Request.Body);
        }

        foreach (var (name, values) in context.Request.Headers.Where(h => !HopByHop.Contains(h.Key)))
        {
            if (!request.Headers.TryAddWithoutValidation(name, values.ToArray()))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        using var response = await _target.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopByHop.Contains(h.Key)))
        {
            context.Response.Headers[name] = values.ToArray();
        }

        await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
