using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Employers;

// The rules of employer writes that need the database: a name no other employer holds (after
// normalisation) and an image that exists. Both are checked first for a friendly answer; the
// unique index and the foreign key decide when two requests race, and losing is the same 400.
// Each write is one transaction with its audit entry.
internal sealed class EmployerEditor(AppDb db, AuditTrail audit, TimeProvider clock)
{
    public Task<bool> ExistsAsync(long id, CancellationToken ct) => db.Employers.AnyAsync(e => e.Id == id, ct);

    public async Task<Employer?> CreateAsync(EmployerChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        var reserved = await CheckAsync(id: null, changes, errors, ct);
        if (errors.Count > 0)
        {
            return null;
        }

        var now = Timestamps.UtcNow(clock);
        var employer = new Employer { Name = changes.Name!, CreatedAt = now, UpdatedAt = now };
        Apply(employer, changes);
        await using var change = await audit.BeginAsync(ct);
        db.Employers.Add(employer);

        // With its id drawn already, the entry goes in the INSERT's batch; otherwise it waits for
        // the id that the INSERT hands out.
        if (reserved is { } id)
        {
            employer.Id = id;
            audit.Record(Created(employer));
        }

        if (!await SaveAsync(changes, errors, ct))
        {
            return null;
        }

        if (reserved is null)
        {
            audit.Record(Created(employer));
        }

        await change.CommitAsync(ct);
        return employer;
    }

    // Found is false for an unknown id, which answers 404 before any complaint already in `errors`.
    public async Task<(bool Found, Employer? Updated)> UpdateAsync(long id, EmployerChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        await using var change = await audit.BeginAsync(ct);
        // With its image, which the answer shows unless the change replaces it.
        if (await db.EmployerForUpdate(id).Include(e => e.Image).ThenInclude(i => i!.Thumbnails).FirstOrDefaultAsync(ct) is not { } employer)
        {
            return (false, null);
        }

        await CheckAsync(employer.Id, changes, errors, ct);
        if (errors.Count > 0)
        {
            return (true, null);
        }

        var (name, description, image) = (employer.Name, employer.Description, employer.ImageId);
        Apply(employer, changes);

        // Every save moves updated_at, as Django's auto_now does, even when nothing else changed
        // and even if the clock stands still or steps back.
        var now = Timestamps.UtcNow(clock);
        employer.UpdatedAt = now > employer.UpdatedAt ? now : employer.UpdatedAt.AddTicks(TimeSpan.TicksPerMicrosecond);
        // Recorded before the save, which then writes the entry with the change.
        audit.Record(Entry(AuditActions.EmployerUpdate, employer, new AuditChanges()
            .Changed(EmployerFields.Name, name, employer.Name)
            .Changed(EmployerFields.Description, description, employer.Description)
            .Changed(EmployerFields.Image, image, employer.ImageId)));
        if (!await SaveAsync(changes, errors, ct))
        {
            return (true, null);
        }

        await change.CommitAsync(ct);
        return (true, employer);
    }

    public async Task<bool> DeleteAsync(long id, CancellationToken ct)
    {
        await using var change = await audit.BeginAsync(ct);
        if (await LockAsync(id, ct) is not { } employer || await db.Employers.Where(e => e.Id == id).ExecuteDeleteAsync(ct) == 0)
        {
            return false;
        }

        audit.Record(Entry(AuditActions.EmployerDelete, employer, new AuditChanges()
            .Removed(EmployerFields.Name, employer.Name)
            .Removed(EmployerFields.Description, employer.Description)
            .Removed(EmployerFields.Image, employer.ImageId)));
        await change.CommitAsync(ct);
        return true;
    }

    // The row as it is now, locked until the change commits, so that the entry's old values are
    // the ones this change replaced (SQLite's transaction already holds the write lock).
    private Task<Employer?> LockAsync(long id, CancellationToken ct) =>
        db.EmployerForUpdate(id).FirstOrDefaultAsync(ct);

    private static AuditRecord Entry(string action, Employer employer, AuditChanges changes) =>
        new(action, AuditObjects.Employer, employer.Id, employer.Name, changes);

    private static AuditRecord Created(Employer employer) => Entry(AuditActions.EmployerCreate, employer, new AuditChanges()
        .Added(EmployerFields.Name, employer.Name)
        .Added(EmployerFields.Description, employer.Description)
        .Added(EmployerFields.Image, employer.ImageId));

    // The friendly checks, whose complaints come in the fields' order. For a new employer (no id)
    // that passes them, it also draws the employer's id where the database can (NewEmployerIds),
    // in the round trip of the name's check: a refused employer uses up no id.
    private async Task<long?> CheckAsync(long? id, EmployerChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        long? missingImage = changes.Image.Value is { } imageId && !await db.Images.AnyAsync(i => i.Id == imageId, ct) ? imageId : null;
        long? drawn = null;
        if (changes.Name is { } name)
        {
            var normalized = EmployerName.Normalize(name);
            var taken = db.Employers.Where(e => e.NormalizedName == normalized && e.Id != id);
            bool isTaken;
            if (id is null && errors.Count == 0 && missingImage is null && db.NewEmployerIds() is { } ids)
            {
                drawn = await ids.Where(_ => !taken.Any()).Select(next => (long?)next).FirstOrDefaultAsync(ct);
                isTaken = drawn is null;
            }
            else
            {
                isTaken = await taken.AnyAsync(ct);
            }

            if (isTaken)
            {
                errors.Add(EmployerFields.Name, EmployerFields.NameTaken);
            }
        }

        if (missingImage is { } missing)
        {
            errors.Add(EmployerFields.Image, MissingImage(missing));
        }

        return drawn;
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

        // The transaction rolls back; forget what this context believed it wrote.
        db.ChangeTracker.Clear();
        return false;
    }

    private static string MissingImage(long id) => JsonFields.DoesNotExist(id.ToString(CultureInfo.InvariantCulture));
}
