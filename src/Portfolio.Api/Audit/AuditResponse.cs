using System.Text.Json;

namespace Portfolio.Api.Audit;

// An entry as /api/audit and an employer's history show it. `changes` is the stored JSON itself.
public sealed record AuditEntryResponse(
    long Id,
    DateTime At,
    long? ActorId,
    string? Actor,
    string Action,
    string ObjectType,
    long? ObjectId,
    string? ObjectName,
    JsonElement Changes,
    string? RequestId,
    string? ClientAddress,
    string? UserAgent)
{
    internal static AuditEntryResponse From(AuditEntry entry) => new(
        entry.Id,
        DateTime.SpecifyKind(entry.At, DateTimeKind.Utc),
        entry.ActorId,
        entry.Actor,
        entry.Action,
        entry.ObjectType,
        entry.ObjectId,
        entry.ObjectName,
        ChangesOf(entry),
        entry.RequestId,
        entry.ClientAddress,
        entry.UserAgent);

    // A row edited by hand into something that is not JSON is shown as the text it holds
    // (verify-audit reports the edit); it must not turn the whole page into a 500.
    private static JsonElement ChangesOf(AuditEntry entry)
    {
        try
        {
            using var document = JsonDocument.Parse(entry.Changes);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(entry.Changes, Http.AppJsonContext.Web.String);
        }
    }
}
