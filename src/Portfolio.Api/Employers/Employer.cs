using Portfolio.Api.Media;

namespace Portfolio.Api.Employers;

public sealed class Employer
{
    public long Id { get; set; }
    public required string Name { get; set; }

    // The unique index lives here, so the database decides between two racing writers.
    public required string NormalizedName { get; set; }
    public string? Description { get; set; }
    public long? ImageId { get; set; }
    public MediaImage? Image { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
