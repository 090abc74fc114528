namespace Portfolio.Api.Http;

// DRF's validation body, serialized as-is: {"field": ["message", ...], "non_field_errors": [...]}.
internal sealed class ValidationErrors : Dictionary<string, List<string>>
{
    public const string NonField = "non_field_errors";

    public ValidationErrors()
        : base(StringComparer.Ordinal)
    {
    }

    public void Add(string field, string message)
    {
        if (!TryGetValue(field, out var messages))
        {
            this[field] = messages = [];
        }

        messages.Add(message);
    }

    public void AddRange(string field, IEnumerable<string> messages)
    {
        foreach (var message in messages)
        {
            Add(field, message);
        }
    }
}
