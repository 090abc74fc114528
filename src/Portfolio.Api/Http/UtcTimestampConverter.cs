using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portfolio.Api.Http;

// DRF writes timestamps as 2026-01-13T09:55:00.750306Z: UTC, six fractional digits, a Z.
internal sealed class UtcTimestampConverter : JsonConverter<DateTime>
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Format(DateTime value) => Utc(value).ToString(Pattern, CultureInfo.InvariantCulture);

    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTime().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[32];
        Utc(value).TryFormat(buffer, out var written, Pattern, CultureInfo.InvariantCulture);
        writer.WriteStringValue(buffer[..written]);
    }

    private static DateTime Utc(DateTime value) => value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
}
