using System.Text.Json;
using Portfolio.Api.Audit;

namespace Portfolio.Api.Admin;

// An entry as the history table shows it: the API's response (AuditEntryResponse) with its
// changes read field by field, each value as short text. Public as the table component's
// parameters must be.
public sealed record HistoryRow(
    long Id, DateTime At, string? Actor, string Action, string ObjectType, long? ObjectId, string? ObjectName,
    bool Linked, IReadOnlyList<HistoryChange> Changes, HistoryValue? Unreadable)
{
    internal static HistoryRow From(AuditEntryResponse entry, IReadOnlySet<long> existingEmployers)
    {
        var changes = new List<HistoryChange>();
        HistoryValue? unreadable = null;
        if (entry.Changes.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in entry.Changes.EnumerateObject())
            {
                changes.Add(HistoryChange.From(field));
            }
        }
        else
        {
            // A row edited by hand into something else (AuditEntryResponse keeps it as its text).
            unreadable = new HistoryValue(HistoryValue.From(entry.Changes));
        }

        var linked = entry.ObjectType == AuditObjects.Employer && entry.ObjectId is { } id && existingEmployers.Contains(id);
        return new HistoryRow(entry.Id, entry.At, entry.Actor, entry.Action, entry.ObjectType, entry.ObjectId, entry.ObjectName, linked, changes, unreadable);
    }
}

// One field's change; a created object's fields have no old value, a deleted one's no new value.
public sealed record HistoryChange(string Field, HistoryValue? Old, HistoryValue? New)
{
    internal static HistoryChange From(JsonProperty field)
    {
        HistoryValue? Side(string name) =>
            field.Value.ValueKind == JsonValueKind.Object && field.Value.TryGetProperty(name, out var value) ? new(HistoryValue.From(value)) : null;

        return new HistoryChange(field.Name, Side("old"), Side("new"));
    }
}

// A value as text, and as much of it as a table cell can hold; the whole of it goes in the title.
public sealed record HistoryValue(string Full)
{
    public const int MaxShown = 80;

    public string Shown => IsTruncated ? string.Concat(Full.AsSpan(0, Cut), "…") : Full;

    public bool IsTruncated => Full.Length > MaxShown;

    // Never between the two halves of a surrogate pair (an emoji in a description).
    private int Cut => char.IsLowSurrogate(Full[MaxShown - 1]) ? MaxShown - 2 : MaxShown - 1;

    internal static string From(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "—",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(From)),
        _ => value.GetRawText(),
    };
}
