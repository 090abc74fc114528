using System.Text.Json;

namespace Portfolio.Api.Tests.Operations;

// Checks a real JSON answer against a schema of the OpenAPI document: every property the answer
// has is declared with a matching JSON type, and every required one is there. Enough of JSON
// Schema for what the framework generates: $ref, type (one or a list), properties, required,
// items, additionalProperties, anyOf and oneOf.
internal sealed class OpenApiSchemaCheck(JsonElement document)
{
    public List<string> Problems(JsonElement value, JsonElement schema, string at)
    {
        schema = Resolve(schema);
        foreach (var combinator in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(combinator, out var options))
            {
                var all = options.EnumerateArray().Select(option => Problems(value, option, at)).ToList();
                return all.Exists(p => p.Count == 0) ? [] : [$"{at}: matches none of {combinator}: {string.Join("; ", all.SelectMany(p => p))}"];
            }
        }

        if (schema.TryGetProperty("type", out var type) && !Types(type).Contains(TypeOf(value))
            && !(TypeOf(value) == "integer" && Types(type).Contains("number")))
        {
            return [$"{at}: {TypeOf(value)} where the schema says {type.GetRawText()}"];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Object => ObjectProblems(value, schema, at),
            JsonValueKind.Array when schema.TryGetProperty("items", out var items) =>
                value.EnumerateArray().SelectMany((item, i) => Problems(item, items, $"{at}[{i}]")).ToList(),
            _ => [],
        };
    }

    private List<string> ObjectProblems(JsonElement value, JsonElement schema, string at)
    {
        var problems = new List<string>();
        var declared = schema.TryGetProperty("properties", out var properties) ? properties : default;
        var additional = schema.TryGetProperty("additionalProperties", out var extra) ? extra : default;
        foreach (var property in value.EnumerateObject())
        {
            if (declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(property.Name, out var propertySchema))
            {
                problems.AddRange(Problems(property.Value, propertySchema, $"{at}.{property.Name}"));
            }
            else if (additional.ValueKind == JsonValueKind.Object)
            {
                problems.AddRange(Problems(property.Value, additional, $"{at}.{property.Name}"));
            }
            else
            {
                problems.Add($"{at}.{property.Name}: not declared in the schema");
            }
        }

        if (schema.TryGetProperty("required", out var required))
        {
            problems.AddRange(required.EnumerateArray().Select(r => r.GetString()!)
                .Where(name => !value.TryGetProperty(name, out _))
                .Select(name => $"{at}.{name}: required but absent"));
        }

        return problems;
    }

    private JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/components/schemas/".Length..];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }

    private static HashSet<string> Types(JsonElement type) =>
        type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToHashSet() : [type.GetString()!];

    private static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "integer" : "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
