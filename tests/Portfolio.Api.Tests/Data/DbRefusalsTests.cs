using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;
using Portfolio.Api.Employers;
using Portfolio.Api.Tests.TestHost;

namespace Portfolio.Api.Tests.Data;

// What the employer writes rely on when they lose a race: the database's own refusals are told apart.
public sealed class DbRefusalsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static Employer New(string name, long? imageId = null) =>
        new() { Name = name, ImageId = imageId, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow };

    private Task<DbUpdateException> SaveFailureAsync(Employer employer) => api.WithDbAsync(async db =>
    {
        db.Employers.Add(employer);
        return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    });

    [Fact]
    public async Task A_second_row_with_the_same_normalised_name_is_a_unique_violation()
    {
        var name = $"كيان {Guid.NewGuid():N}";
        await Seed.EmployerAsync(api, name);

        var failure = await SaveFailureAsync(New(name.Replace('ك', 'ک').Replace('ي', 'ی').ToUpperInvariant()));

        Assert.True(DbErrors.IsUniqueViolation(failure));
        Assert.False(DbErrors.IsForeignKeyViolation(failure));
    }

    [Fact]
    public async Task An_image_that_does_not_exist_is_a_foreign_key_violation()
    {
        var failure = await SaveFailureAsync(New($"orphan {Guid.NewGuid():N}", imageId: 987_654_321));

        Assert.True(DbErrors.IsForeignKeyViolation(failure));
        Assert.False(DbErrors.IsUniqueViolation(failure));
    }
}
