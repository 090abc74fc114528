using System.Text.Json;
using Portfolio.Api.Http;

namespace Portfolio.Api.Employers;

// What a POST, PUT or PATCH body asks for, read field by field in DRF's words. Name null means
// "not given" (or given wrongly, with the reason in the errors). `id`, `image_data`, `created_at`
// and `updated_at` are read-only and, like unknown fields, ignored.
internal sealed record EmployerChanges(string? Name, Optional<string?> Description, Optional<long?> Image)
{
    // As DRF's ModelSerializer: POST and PUT require the name; an optional field left out of a
    // PUT stays as it is, because the model gives it no default to fall back to.
    public static EmployerChanges Read(JsonElement body, ValidationErrors errors, bool partial)
    {
        var fields = new JsonFields(body, errors, partial);
        var name = fields.String(EmployerFields.Name, required: true, maxLength: EmployerConfiguration.NameMaxLength);
        if (name is not null && name.Any(char.IsControl))
        {
            errors.Add(EmployerFields.Name, EmployerFields.ControlCharacters);
            name = null;
        }
        else if (name is not null && EmployerName.Normalize(name).Length == 0)
        {
            // Only ZWNJ or tatweel: nothing a reader could tell apart from an empty name.
            errors.Add(EmployerFields.Name, JsonFields.NotBlank);
            name = null;
        }

        var description = fields.NullableString(EmployerFields.Description, EmployerConfiguration.DescriptionMaxLength);
        if (description.Value?.Contains('\0', StringComparison.Ordinal) == true)
        {
            errors.Add(EmployerFields.Description, JsonFields.NullCharacters);
            description = default;
        }

        return new(name, description, fields.NullablePrimaryKey(EmployerFields.Image));
    }
}

internal static class EmployerFields
{
    public const string Name = "name";
    public const string Description = "description";
    public const string Image = "image";

    // Django's message for a unique field: "%(model_name)s with this %(field_label)s already exists."
    public const string NameTaken = "employer with this name already exists.";

    // A name is one line of visible text; in the words of the message above.
    public const string ControlCharacters = "Control characters are not allowed.";
}
