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

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = MaxDepth, AllowDuplicateProperties = false };

    private static readonly JsonElement EmptyObject = JsonElement.Parse("{}");

    public static async Task<JsonObjectBody> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        // DRF reads a request without a body as empty data, whatever its content type says.
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return new(EmptyObject, null);
        }

        var contentType = request.ContentType ?? "";
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType)
            || !mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{contentType}\" in request.");
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, Options, ct);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return ParseError($"Expected a JSON object, got {root.ValueKind.ToString().ToLowerInvariant()}.");
            }

            return FindUnreadable(root) is { } reason ? ParseError(reason) : new(root.Clone(), null);
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
    }

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
