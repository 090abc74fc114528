using Portfolio.Api.Media;

namespace Portfolio.Api.Employers;

public sealed class Employer
{
    private string _name = "";
    private string? _description;

    public long Id { get; set; }

    // Setting the text sets its normalised form too, so no write path can forget it; EF Core
    // reads rows into the fields and leaves the stored normalised forms as they are.
    public required string Name
    {
        get => _name;
        set
        {
            _name = value;
            NormalizedName = EmployerName.Normalize(value);
        }
    }

    // The unique index lives here, so the database decides between two racing writers.
    public string NormalizedName { get; private set; } = "";

    public string? Description
    {
        get => _description;
        set
        {
            _description = value;
            NormalizedDescription = value is null ? null : EmployerName.Normalize(value);
        }
    }

    // What search looks in, beside NormalizedName.
    public string? NormalizedDescription { get; private set; }

    // For rows whose normalised description was never written (made before it existed).
    public void NormalizeDescription() => Description = _description;

    public long? ImageId { get; set; }
    public MediaImage? Image { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
