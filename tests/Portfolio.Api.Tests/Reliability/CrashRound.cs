using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Portfolio.Api.Http;
using Portfolio.Api.Media.Storage;
using Portfolio.Api.Tests.Employers;
using Portfolio.Api.Tests.Media;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Reliability;

// One round of the crash probe: 50 uploads and 50 employer writes (creates, half of them with an
// image, and changes of 25 distinct employers) sent at once, and a signal once a random number of
// them have been answered, for the kill. Every write carries values of its own, so that what is
// stored afterwards tells which write it came from.
internal sealed class CrashRound
{
    public const int Uploads = 50;
    public const int Creates = 25;
    public const int Changes = 25;

    private readonly TaskCompletionSource _killNow = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _killAfter;
    private int _answered;

    public CrashRound(int round, Random random, IReadOnlyList<byte[]> files, IReadOnlyList<long> images, IReadOnlyList<long> employers)
    {
        _killAfter = random.Next(1, Uploads + Creates + Changes - 10);
        long? AnyImage() => random.Next(3) == 0 || images.Count == 0 ? null : images[random.Next(images.Count)];
        Calls =
        [
            .. Enumerable.Range(0, Uploads).Select(i => new CrashCall(CrashCall.Upload, $"crash-{round}-{i}.jpg", files[random.Next(files.Count)])),
            .. Enumerable.Range(0, Creates).Select(i => new CrashCall(CrashCall.Create, EmployerHttp.Unique($"crash {round}"), Description: $"written in round {round} as {i}", Image: i % 2 == 0 ? AnyImage() : null)),
            .. employers.OrderBy(_ => random.Next()).Take(Changes).Select(id => new CrashCall(CrashCall.Change, "", Description: $"changed in round {round} {Guid.NewGuid():N}", Image: AnyImage(), Employer: id)),
        ];
        random.Shuffle(Calls);
    }

    public CrashCall[] Calls { get; }

    // Set once the chosen number of calls have their answer (or all have ended).
    public Task KillNow => _killNow.Task;

    public Task RunAsync(string baseUrl, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        return Task.WhenAll(Calls.Select(call => SendAsync(http, call))).ContinueWith(
            _ =>
            {
                http.Dispose();
                _killNow.TrySetResult();
            },
            TaskScheduler.Default);
    }

    private async Task SendAsync(HttpClient http, CrashCall call)
    {
        try
        {
            using var response = await (call.Kind switch
            {
                CrashCall.Upload => http.PostAsync(MediaHttp.Path, MediaHttp.Form(call.Content!, call.Name)),
                CrashCall.Create => EmployerHttp.PostAsync(http, EmployerHttp.Body(new { name = call.Name, description = call.Description, image = call.Image })),
                _ => EmployerHttp.PatchAsync(http, call.Employer!.Value, EmployerHttp.Body(new { description = call.Description, image = call.Image })),
            });
            var body = await response.Content.ReadAsStringAsync();
            (call.Status, call.Body) = (response.StatusCode, body);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            // Cut off by the kill: the write may or may not have been stored.
        }

        if (Interlocked.Increment(ref _answered) == _killAfter)
        {
            _killNow.TrySetResult();
        }
    }
}

// A write of a round; Status stays null when no whole answer came back. A 503 (the database or the
// store timed out) leaves the write in doubt as a cut-off does: it may have committed meanwhile.
internal sealed record CrashCall(string Kind, string Name, byte[]? Content = null, string? Description = null, long? Image = null, long? Employer = null)
{
    public const string Upload = "upload";
    public const string Create = "create";
    public const string Change = "change";

    public HttpStatusCode? Status { get; set; }

    public string? Body { get; set; }

    public bool Acknowledged => Status is HttpStatusCode.OK or HttpStatusCode.Created;

    public bool Unavailable => Status is HttpStatusCode.ServiceUnavailable
        && (Body?.Contains(DrfErrors.DatabaseUnavailableDetail, StringComparison.Ordinal) == true || Body?.Contains(StorageUnavailableException.Detail, StringComparison.Ordinal) == true);

    public long Id => JsonDocument.Parse(Body!).RootElement.GetProperty("id").GetInt64();

    // An upload's `f`, unescaped: it ends with the stored key.
    public string FileUrl => Uri.UnescapeDataString(JsonDocument.Parse(Body!).RootElement.GetProperty("f").GetString()!);

    public override string ToString() => $"{Kind} {Name}{Employer} → {(int?)Status}: {Body}";
}
