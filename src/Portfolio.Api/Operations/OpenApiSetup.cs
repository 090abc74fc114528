using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Portfolio.Api.Http;

namespace Portfolio.Api.Operations;

// The framework's own OpenAPI document at /openapi/v1.json, and Swagger UI (served from the
// package, no CDN) at /docs. Handlers answer typed results, so most of the document comes from
// their signatures; this adds what a signature cannot say: the Token scheme, the answers that
// authentication and body parsing give before a handler runs, and bodies read by hand.
internal static class OpenApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string SchemeName = "Token";
    private const string Json = "application/json";

    public static void AddOpenApiDocument(this IHostApplicationBuilder builder) =>
        builder.Services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Portfolio API",
                    Version = "v1",
                    Description = "Employers, their logos, and the accounts that manage them, in Django REST Framework's conventions.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "Authorization",
                    Description = "Token <key>: the word Token (any case), one space, and the key that POST /api/auth/token or `createtoken` gave.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeCommonAnswersAsync);

            // Timestamps go through a converter of their own, whose type the generator cannot see.
            options.AddSchemaTransformer((schema, context, _) =>
            {
                if (context.JsonTypeInfo.Type == typeof(DateTime))
                {
                    schema.Type = JsonSchemaType.String;
                    schema.Format = "date-time";
                }

                return Task.CompletedTask;
            });
        });

    public static void UseOpenApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.UseSwaggerUI(ui =>
        {
            ui.SwaggerEndpoint(DocumentPath, "Portfolio API v1");
            ui.RoutePrefix = "docs";
            ui.DocumentTitle = "Portfolio API";
        });
    }

    // A body the handler reads by hand (JsonBody), so that every mistake is answered in DRF's
    // words. Not .Accepts<T>(): that makes routing refuse other content types itself, with an
    // empty 415 and before authentication, where DRF answers 401 or 403 first.
    public static RouteHandlerBuilder WithJsonBody<TBody>(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new BodyContentType(Json)).AddOpenApiOperationTransformer(async (operation, context, ct) =>
            await DescribeBodyAsync(operation, context, Json, await context.GetOrCreateSchemaAsync(typeof(TBody), null, ct), ct));

    // A multipart form the handler reads by hand: one file field and optional text fields.
    public static RouteHandlerBuilder WithFormBody(this RouteHandlerBuilder endpoint, string file, params string[] texts) =>
        endpoint.WithMetadata(new BodyContentType("multipart/form-data")).AddOpenApiOperationTransformer((operation, context, ct) =>
        {
            var form = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { file },
                Properties = new Dictionary<string, IOpenApiSchema> { [file] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            };
            foreach (var text in texts)
            {
                form.Properties[text] = new OpenApiSchema { Type = JsonSchemaType.String };
            }

            return DescribeBodyAsync(operation, context, "multipart/form-data", form, ct);
        });

    // The body, and what is answered when it cannot be read: a 400 {"detail": "... parse error
    // - ..."} beside the validation body the handler declares, and a 415 for another media type.
    private static async Task DescribeBodyAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, string mediaType, IOpenApiSchema body, CancellationToken ct)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { [mediaType] = new() { Schema = body } },
        };
        var error = await context.GetOrCreateSchemaAsync(typeof(ErrorBody), null, ct);
        operation.Responses ??= [];
        if (operation.Responses.TryGetValue("400", out var declared) && declared.Content?.TryGetValue(Json, out var media) == true && media.Schema is { } validation)
        {
            media.Schema = new OpenApiSchema { AnyOf = [validation, error] };
        }
        else
        {
            operation.Responses["400"] = Answer("The body could not be read.", error);
        }

        operation.Responses["415"] = Answer($"The body is not {mediaType}.", error);
    }

    // DRF's PageNumberPagination parameters.
    public static RouteHandlerBuilder WithPagination(this RouteHandlerBuilder endpoint) => endpoint
        .WithQuery(Pagination.PageParameter, "1-based page number, or \"last\"; a page past the end is 404 \"Invalid page.\"")
        .WithQuery(Pagination.PageSizeParameter, $"Rows per page, default {Pagination.DefaultPageSize}, at most {Pagination.MaxPageSize}.");

    // A query parameter the handler reads from the request itself.
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder endpoint, string name, string description) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });

    // Authentication and permission answer before the handler; a fault answers DRF's 500 body.
    private static async Task DescribeCommonAnswersAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var error = await context.GetOrCreateSchemaAsync(typeof(ErrorBody), null, ct);
        operation.Responses ??= [];
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] }];
            operation.Responses["401"] = Answer("No token, or an unknown, revoked, expired or malformed one; an inactive user.", error);
            operation.Responses["403"] = Answer("Authenticated, but not allowed.", error);
        }

        operation.Responses["500"] = Answer("A fault; never a stack trace.", error);
    }

    private static OpenApiResponse Answer(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { [Json] = new() { Schema = schema } },
    };
}
