using System.Text.Json;
using System.Text.Json.Serialization;
using Portfolio.Api.Accounts;
using Portfolio.Api.Audit;
using Portfolio.Api.Employers;
using Portfolio.Api.Media;
using Portfolio.Api.Operations;

namespace Portfolio.Api.Http;

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    Converters = [typeof(UtcTimestampConverter)])]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(EmployerResponse))]
[JsonSerializable(typeof(Page<EmployerResponse>))]
[JsonSerializable(typeof(EmployerRequest))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(ImageResponse))]
[JsonSerializable(typeof(Page<ImageResponse>))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(ValidationErrors))]
[JsonSerializable(typeof(TokenResponse))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(Page<UserResponse>))]
[JsonSerializable(typeof(List<PermissionResponse>))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(UserRequest))]
[JsonSerializable(typeof(AuditEntryResponse))]
[JsonSerializable(typeof(Page<AuditEntryResponse>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(ViewDescription))]
internal sealed partial class AppJsonContext : JsonSerializerContext
{
    // For writing outside the endpoint pipeline (error bodies, middleware): same settings.
    public static readonly AppJsonContext Web = new(WithSettings(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    public static void Configure(JsonSerializerOptions options)
    {
        WithSettings(options);
        options.TypeInfoResolverChain.Insert(0, Default);
    }

    private static JsonSerializerOptions WithSettings(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Encoder = RawUtf8JsonEncoder.Instance;
        options.Converters.Add(new UtcTimestampConverter());

        // Numbers are numbers: the OpenAPI document then says "integer", not "integer or string".
        // Nothing here reads typed JSON (bodies are read field by field), so reading is unchanged.
        options.NumberHandling = JsonNumberHandling.Strict;
        return options;
    }
}


