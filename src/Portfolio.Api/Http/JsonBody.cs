using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Portfolio.Api.Http;

// A request body as DRF's JSONParser would accept it, as one JSON object whose fields handlers
// read themselves (see JsonFields). Either Root is the object or Problem is the answer to send.
internal readonly record struct JsonObjectBody(JsonElement Root, JsonHttpResult<ErrorBody>? Problem);

internal static class JsonBody
{
    private const int MaxDepth = 64;

    // Far above any object this API takes (a 5,000-character description is 20 KB of UTF-8), far
    // below what would let anonymous requests to the login endpoint fill the memory.
    public const long MaxBytes = 1024 * 1024;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    // A login form is two short fields; these bound a hostile one to a few megabytes.
    private static readonly FormOptions FormLimits = new()
    {
        ValueCountLimit = 64,
        KeyLengthLimit = 1024,
        ValueLengthLimit = 64 * 1024,
        MultipartBodyLengthLimit = MaxBytes,
        MultipartHeadersLengthLimit = 16 * 1024,
    };

    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    // acceptForms: also read an urlencoded or multipart form, as DRF's login view does; a form's
    // fields arrive as strings (the last value of a repeated field, as Django's QueryDict.get).
    public static async Task<JsonObjectBody> ReadObjectAsync(HttpRequest request, CancellationToken ct, bool acceptForms = false)
    {
        // DRF reads a request without a body as empty data, whatever its content type says.
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return new(EmptyObject, null);
        }

        if (request.ContentLength > MaxBytes)
        {
            return TooLarge();
        }

        var contentType = request.ContentType ?? "";
        var isJson = MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            && mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !(acceptForms && request.HasFormContentType))
        {
            return Fail(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{contentType}\" in request.");
        }

        try
        {
            JsonDocument document;
            if (isJson)
            {
                // A chunked body has no length to check up front: read at most one byte past the limit.
                if (await ReadLimitedAsync(request.Body, ct) is not { } json)
                {
                    return TooLarge();
                }

                document = Parse(json);
            }
            else
            {
                document = await FormAsJsonAsync(request, ct);
            }

            // The handler reads the fields after this returns: the document lives as long as the request.
            request.HttpContext.Response.RegisterForDispose(document);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ParseError($"Expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}.");
            }

            return FindUnreadable(root) is { } reason ? ParseError(reason) : new(root, null);
        }
        catch (InvalidDataException e)
        {
            return Fail(StatusCodes.Status400BadRequest, $"Multipart form parse error - {e.Message}");
        }
        catch (JsonException e)
        {
            return ParseError(e.Message);
        }
        catch (BadHttpRequestException e)
        {
            // The server's own limits (body size, a client that stops mid-body) keep their status.
            return Fail(e.StatusCode, e.Message);
        }
        catch (IOException)
        {
            // What the form reader throws for a multipart body that ends before its first boundary.
            return Fail(StatusCodes.Status400BadRequest, "Multipart form parse error - The body ends before its first boundary.");
        }
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (InvalidOperationException e)
        {
            // The duplicate-name check reads every property name: one that escapes a lone
            // surrogate ("\udc00") throws this rather than a JsonException.
            throw new JsonException("Invalid text in a property name.", e);
        }
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static async Task<JsonDocument> FormAsJsonAsync(HttpRequest request, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(FormLimits, ct);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, values) in form)
            {
                writer.WriteString(name, values.LastOrDefault());
            }

            writer.WriteEndObject();
        }

        return JsonDocument.Parse(buffer.ToArray(), Options);
    }

    private static JsonObjectBody TooLarge() =>
        Fail(StatusCodes.Status413PayloadTooLarge, $"Request body is too large: at most {MaxBytes} bytes are accepted.");

    private static JsonObjectBody ParseError(string reason) => Fail(StatusCodes.Status400BadRequest, $"JSON parse error - {reason}");

    private static JsonObjectBody Fail(int status, string detail) => new(default, DrfErrors.Detail(status, detail));

    // The parser accepts what Python's json module refuses and what a handler could not read
    // back: invalid UTF-8 or a lone surrogate in a string, a number too large for a double.
    private static string? FindUnreadable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!HasReadableName(property))
                    {
                        return "Invalid text in a property name.";
                    }

                    if (FindUnreadable(property.Value) is { } reason)
                    {
                        return reason;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (FindUnreadable(item) is { } reason)
                    {
                        return reason;
                    }
                }

                return null;
            case JsonValueKind.String:
                return HasReadableText(element) ? null : "Invalid text in a string.";
            case JsonValueKind.Number:
                return element.TryGetDouble(out var value) && double.IsFinite(value) ? null : $"Number out of range: {element.GetRawText()}.";
            default:
                return null;
        }
    }

    private static bool HasReadableName(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool HasReadableText(JsonElement text)
    {
        try
        {
            _ = text.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
