namespace Portfolio.Api.Employers;

// The body of POST, PUT and PATCH, for the OpenAPI document only: handlers read bodies field by
// field (EmployerChanges), so that every mistake is answered in DRF's words. PATCH needs no name.
public sealed record EmployerRequest(string Name, string? Description = null, long? Image = null);
