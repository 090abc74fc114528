using Portfolio.Api.Data;
using Portfolio.Api.Employers;
using Portfolio.Api.Media;

namespace Portfolio.Api.Tests.TestHost;

// Rows written straight through the data layer, for reading back over HTTP.
internal static class Seed
{
    public const string PageName = "همکاران سیستم";

    // The page's description, with a ZWNJ ("می‌کند") that a relaxed JSON encoder would escape.
    public const string PageDescription = "همکاران سیستم شرکتی در زمینه نرم‌افزار است که می‌کند";

    public static async Task<Employer> PageEmployerAsync(ApiFactory api, string? name = null)
    {
        var image = new MediaImage
        {
            Name = "technology",
            Type = "image/png",
            File = $"core_media/2025/12/02/technology_{Guid.NewGuid():N}.png",
            Size = 5123,
            Width = 225,
            Height = 225,
            Mode = "P",
            CreatedAt = DateTime.UtcNow,
        };
        foreach (var box in new[] { 1080, 64, 512, 128 })
        {
            image.Thumbnails.Add(new Thumbnail
            {
                BoxSize = box,
                File = $"core_media/2025/12/02/thumbnails/{Path.GetFileNameWithoutExtension(image.File)}_thumbnail_{box}x{box}.jpg",
                Bytes = 1000 + box,
            });
        }

        return await EmployerAsync(api, name ?? $"{PageName} {Guid.NewGuid():N}", PageDescription, image);
    }

    public static Task<Employer> EmployerAsync(ApiFactory api, string name, string? description = null, MediaImage? image = null) =>
        api.WithDbAsync(async db =>
        {
            var now = new DateTime(2026, 1, 13, 9, 55, 0, 750, 306, DateTimeKind.Utc);
            var employer = new Employer
            {
                Name = name,
                Description = description,
                Image = image,
                CreatedAt = now,
                UpdatedAt = now.AddTicks(90),
            };
            db.Employers.Add(employer);
            await db.SaveChangesAsync();
            return employer;
        });

    public static Task DeleteEmployerAsync(ApiFactory api, long id) => api.WithDbAsync(async db =>
    {
        db.Employers.Remove(await db.Employers.FindAsync(id) ?? throw new InvalidOperationException("no such employer"));
        await db.SaveChangesAsync();
    });
}
