using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Employers;

// The rules of employer writes that need the database: a name no other employer holds (after
// normalisation) and an image that exists. Both are checked first for a friendly answer; the
// unique index and the foreign key decide when two requests race, and losing is the same 400.
internal sealed class EmployerEditor(AppDb db, TimeProvider clock)
{
    public Task<Employer?> FindAsync(long id, CancellationToken ct) => db.Employers.FirstOrDefaultAsync(e => e.Id == id, ct);

    public async Task<Employer?> CreateAsync(EmployerChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        await CheckAsync(id: null, changes, errors, ct);
        if (errors.Count > 0)
        {
            return null;
        }

        var now = Timestamps.UtcNow(clock);
        var employer = new Employer { Name = changes.Name!, CreatedAt = now, UpdatedAt = now };
        Apply(employer, changes);
        db.Employers.Add(employer);
        return await SaveAsync(changes, errors, ct) ? employer : null;
    }

    public async Task<bool> UpdateAsync(Employer employer, EmployerChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        await CheckAsync(employer.Id, changes, errors, ct);
        if (errors.Count > 0)
        {
            return false;
        }

        Apply(employer, changes);

        // Every save moves updated_at, as Django's auto_now does, even when nothing else changed
        // and even if the clock stands still or steps back.
        var now = Timestamps.UtcNow(clock);
        employer.UpdatedAt = now > employer.UpdatedAt ? now : employer.UpdatedAt.AddTicks(TimeSpan.TicksPerMicrosecond);
        return await SaveAsync(changes, errors, ct);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct) =>
        await db.Employers.Where(e => e.Id == id).ExecuteDeleteAsync(ct) > 0;

    private async Task CheckAsync(long? id, EmployerChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        if (changes.Name is { } name)
        {
            var normalized = EmployerName.Normalize(name);
            if (await db.Employers.AnyAsync(e => e.NormalizedName == normalized && e.Id != id, ct))
            {
                errors.Add(EmployerFields.Name, EmployerFields.NameTaken);
            }
        }

        if (changes.Image.Value is { } imageId && !await db.Images.AnyAsync(i => i.Id == imageId, ct))
        {
            errors.Add(EmployerFields.Image, MissingImage(imageId));
        }
    }

    private static void Apply(Employer employer, EmployerChanges changes)
    {
        if (changes.Name is { } name)
        {
            employer.Name = name;
        }

        if (changes.Description.IsGiven)
        {
            employer.Description = changes.Description.Value;
        }

        if (changes.Image.IsGiven)
        {
            employer.ImageId = changes.Image.Value;
        }
    }

    private async Task<bool> SaveAsync(EmployerChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            errors.Add(EmployerFields.Name, EmployerFields.NameTaken);
        }
        catch (DbUpdateException e) when (DbErrors.IsForeignKeyViolation(e) && changes.Image.Value is { } imageId)
        {
            errors.Add(EmployerFields.Image, MissingImage(imageId));
        }

        // The transaction of SaveChanges rolled back; forget what this context believed it wrote.
        db.ChangeTracker.Clear();
        return false;
    }

    private static string MissingImage(long id) => JsonFields.DoesNotExist(id.ToString(CultureInfo.InvariantCulture));
}
