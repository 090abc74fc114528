using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Portfolio.Api.Tests.Reliability;

internal enum CallKind
{
    Read,
    Create,
    Patch,
    Upload,
}

// One request of a load, timed on the load's clock. Id is the employer's or image's (from the
// answer, or the one patched), Value the name or description sent, Body a success's answer,
// Refusal any other answer, kept whole for Drf.AssertErrorAsync; Failure why the call threw.
internal sealed record Call(
    int Instance, CallKind Kind, TimeSpan Start, TimeSpan Took, HttpStatusCode Status,
    long? Id, string? Value, JsonElement? Body, HttpResponseMessage? Refusal, string? Failure)
{
    public TimeSpan End => Start + Took;

    public bool Succeeded => Status is HttpStatusCode.OK or HttpStatusCode.Created;

    // A call that throws (refused, reset, timed out) is recorded with status 0: never expected.
    public static async Task<Call> TimeAsync(Stopwatch clock, int instance, CallKind kind, Func<Task<HttpResponseMessage>> send, string? value = null, long? id = null)
    {
        var start = clock.Elapsed;
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Call(instance, kind, start, clock.Elapsed - start, 0, id, value, null, null, e.Message);
        }

        var took = clock.Elapsed - start;
        if (!response.IsSuccessStatusCode)
        {
            return new Call(instance, kind, start, took, response.StatusCode, id, value, null, response, null);
        }

        using (response)
        {
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            return new Call(instance, kind, start, took, response.StatusCode, id ?? body.GetProperty("id").GetInt64(), value, body, null, null);
        }
    }

    public override string ToString() =>
        $"instance {Instance} {Kind} at {Start.TotalSeconds:F2} s: {(int)Status} in {Took.TotalMilliseconds:F0} ms {Failure}";
}
