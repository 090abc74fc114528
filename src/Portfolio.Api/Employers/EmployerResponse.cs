using Portfolio.Api.Media;

namespace Portfolio.Api.Employers;

// Field order follows the page's example response.
public sealed record EmployerResponse(
    long Id,
    string Name,
    ImageResponse? ImageData,
    string? Description,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static EmployerResponse From(Employer employer, string mediaBaseUrl) => new(
        employer.Id,
        employer.Name,
        employer.Image is null ? null : ImageResponse.From(employer.Image, mediaBaseUrl),
        employer.Description,
        employer.CreatedAt,
        employer.UpdatedAt);
}
