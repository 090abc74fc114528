using System.Text.Json;
using System.Text.Json.Nodes;
using Portfolio.Api.Http;

namespace Portfolio.Api.Audit;

// The fields a change touched, each with its value before ("old") and after ("new"): a created
// object has only "new" values, a deleted one only "old" ones, and a field that kept its value
// is left out. Never a password or a key: only the fields named here are written.
internal sealed class AuditChanges
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = RawUtf8JsonEncoder.Instance };

    private readonly JsonObject _fields = [];

    public static AuditChanges None => new();

    public AuditChanges Changed<T>(string field, T old, T @new)
    {
        var (before, after) = (Value(old), Value(@new));
        if (!JsonNode.DeepEquals(before, after))
        {
            _fields[field] = new JsonObject { ["old"] = before, ["new"] = after };
        }

        return this;
    }

    public AuditChanges Added<T>(string field, T value)
    {
        _fields[field] = new JsonObject { ["new"] = Value(value) };
        return this;
    }

    public AuditChanges Removed<T>(string field, T value)
    {
        _fields[field] = new JsonObject { ["old"] = Value(value) };
        return this;
    }

    public bool IsEmpty => _fields.Count == 0;

    public override string ToString() => _fields.ToJsonString(Options);

    private static JsonNode? Value<T>(T value) => value switch
    {
        null => null,
        string text => JsonValue.Create(AuditText.Clean(text)),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        DateTime time => JsonValue.Create(UtcTimestampConverter.Format(time)),
        IEnumerable<int> numbers => new JsonArray([.. numbers.Select(n => (JsonNode)JsonValue.Create(n))]),
        IEnumerable<long> numbers => new JsonArray([.. numbers.Select(n => (JsonNode)JsonValue.Create(n))]),
        IEnumerable<string> texts => new JsonArray([.. texts.Select(t => (JsonNode?)JsonValue.Create(AuditText.Clean(t)))]),
        _ => throw new ArgumentException($"An audit value of type {typeof(T)} has no JSON form here.", nameof(value)),
    };
}
