using System.Runtime.InteropServices;
using System.Text.Json;

namespace Portfolio.Api.Http;

// Reads the fields of a JSON object body as DRF's serializer fields do, in their words, collecting
// every problem into one ValidationErrors instead of stopping at the first. Each reader returns
// null when the field is absent or wrong; on a partial update (PATCH) absent means "unchanged".
// Unknown fields are ignored, as DRF ignores them.
internal sealed class JsonFields(JsonElement body, ValidationErrors errors, bool partial = false)
{
    public const string Required = "This field is required.";
    public const string NotNull = "This field may not be null.";
    public const string NotBlank = "This field may not be blank.";

    // DRF's ProhibitNullCharactersValidator; PostgreSQL could not store one either.
    public const string NullCharacters = "Null characters are not allowed.";

    public static string DoesNotExist(string key) => $"Invalid pk \"{key}\" - object does not exist.";

    public static string TooLong(int maxLength) => $"Ensure this field has no more than {maxLength} characters.";

    // True when the field holds a value other than null; reports it when required and absent.
    public bool TryGet(string name, bool required, out JsonElement value)
    {
        if (!body.TryGetProperty(name, out value))
        {
            if (required && !partial)
            {
                errors.Add(name, Required);
            }

            return false;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(name, NotNull);
            return false;
        }

        return true;
    }

    // CharField: an integer is taken as its text, as Python's str() would write it; lengths count
    // code points, as Python's len() does.
    public string? String(string name, bool required = false, int? maxLength = null, bool trim = true)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        return Text(name, value, maxLength, trim, allowBlank: false);
    }

    // CharField(allow_null=True, allow_blank=True): absent, null, or trimmed text ("" included).
    public Optional<string?> NullableString(string name, int maxLength)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return new(true, null);
        }

        return Text(name, value, maxLength, trim: true, allowBlank: true) is { } text ? new(true, text) : default;
    }

    // PrimaryKeyRelatedField(allow_null=True): absent, null, or an integer key. Whether the key
    // exists is the caller's query (report a missing one with DoesNotExist).
    public Optional<long?> NullablePrimaryKey(string name)
    {
        if (!body.TryGetProperty(name, out var value))
        {
            return default;
        }

        if (value.ValueKind == JsonValueKind.Null)
        {
            return new(true, null);
        }

        return PrimaryKey(name, value) is { } key ? new(true, key) : default;
    }

    private string? Text(string name, JsonElement value, int? maxLength, bool trim, bool allowBlank)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number when IsIntegerLiteral(value) => value.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            errors.Add(name, "Not a valid string.");
            return null;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(name, NullCharacters);
            return null;
        }

        text = trim ? text.Trim() : text;
        if (text.Length == 0 && !allowBlank)
        {
            errors.Add(name, NotBlank);
            return null;
        }

        if (maxLength is { } max && text.Length > max && text.EnumerateRunes().Count() > max)
        {
            errors.Add(name, TooLong(max));
            return null;
        }

        return text;
    }

    // BooleanField with DRF's own spellings: a client written for DRF may send "yes", "on" or 1.
    public bool? Boolean(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        bool? flag = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => value.GetString() switch
            {
                "t" or "T" or "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON" or "1" => true,
                "f" or "F" or "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF" or "0" => false,
                _ => null,
            },
            JsonValueKind.Number when value.TryGetDouble(out var number) && number is 0 or 1 => number == 1,
            _ => null,
        };
        if (flag is null)
        {
            errors.Add(name, "Must be a valid boolean.");
        }

        return flag;
    }

    // PrimaryKeyRelatedField(many=True): a list of integer keys. Whether they exist is the
    // caller's query (report a missing one with DoesNotExist).
    public List<long>? PrimaryKeys(string name, bool required = false)
    {
        if (!TryGet(name, required, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(name, $"Expected a list of items but got type \"{PythonType(value)}\".");
            return null;
        }

        var keys = new List<long>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (PrimaryKey(name, item) is not { } key)
            {
                return null;
            }

            keys.Add(key);
        }

        return keys;
    }

    // Strict where DRF is lenient: only an integer literal is a key, never "5", 5.0 or true. A
    // key past the 64-bit range cannot exist and is reported here.
    private long? PrimaryKey(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Number || !IsIntegerLiteral(value))
        {
            errors.Add(name, $"Incorrect type. Expected pk value, received {PythonType(value)}.");
            return null;
        }

        if (!value.TryGetInt64(out var key))
        {
            errors.Add(name, DoesNotExist(value.GetRawText()));
            return null;
        }

        return key;
    }

    // The names DRF's messages use, from Python's type(value).__name__ after json.loads.
    private static string PythonType(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => IsIntegerLiteral(value) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "dict",
        JsonValueKind.Array => "list",
        _ => "NoneType",
    };

    private static bool IsIntegerLiteral(JsonElement number) =>
        !JsonMarshal.GetRawUtf8Value(number).ContainsAny((byte)'.', (byte)'e', (byte)'E');
}

// A field of a partial body: absent (IsGiven false: leave it as it is), or given, null included.
internal readonly record struct Optional<T>(bool IsGiven, T Value);
