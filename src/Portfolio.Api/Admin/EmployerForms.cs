using System.Text.Json;
using System.Text.Json.Nodes;
using Portfolio.Api.Employers;
using Portfolio.Api.Http;

namespace Portfolio.Api.Admin;

// What the console's employer form typed, read by the API's own reader so that the rules and the
// messages are the API's: the form's fields become the body a client would have sent.
internal static class EmployerForms
{
    public static EmployerChanges Read(string? name, string? description, ValidationErrors errors)
    {
        var body = new JsonObject
        {
            [EmployerFields.Name] = name ?? "",
            [EmployerFields.Description] = string.IsNullOrEmpty(description) ? null : description,
        };
        using var document = JsonDocument.Parse(body.ToJsonString());
        return EmployerChanges.Read(document.RootElement, errors, partial: true);
    }
}
