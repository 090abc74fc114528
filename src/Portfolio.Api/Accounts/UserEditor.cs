using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portfolio.Api.Audit;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Accounts;

// The rules of /api/users that need the database: a free username, known permission codes, a
// password that passes the rules for the username it will sit beside, and at least one active
// superuser left behind. Update and delete run inside the caller's serializable change, so two
// admins demoting each other at once cannot both succeed. Each write records its audit entries:
// the user's own fields, then one entry per permission granted or revoked, then the password.
internal sealed class UserEditor(AppDb db, AccountStore accounts, AuditTrail audit, TimeProvider clock)
{
    public Task<User?> FindAsync(long id, CancellationToken ct) =>
        db.Users.Include(u => u.Permissions).SingleOrDefaultAsync(u => u.Id == id, ct);

    public async Task<User?> CreateAsync(UserChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        var user = new User { Username = changes.Username ?? "", DateJoined = Timestamps.UtcNow(clock) };
        await CheckAsync(user, changes, errors, isNew: true, ct);
        if (errors.Count > 0)
        {
            return null;
        }

        Apply(user, changes);
        try
        {
            await using var change = await audit.BeginAsync(ct);
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            audit.Record(Entry(AuditActions.UserCreate, user, new AuditChanges()
                .Added(UserFields.Username, user.Username)
                .Added(UserFields.IsStaff, user.IsStaff)
                .Added(UserFields.IsSuperuser, user.IsSuperuser)
                .Added(UserFields.IsActive, user.IsActive)));
            RecordGrants(user, []);
            await change.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request took the name between the check and the insert.
            db.ChangeTracker.Clear();
            if (!await db.Users.AnyAsync(u => u.Username == user.Username, ct))
            {
                throw;
            }

            errors.Add(UserFields.Username, UserFields.UsernameTaken);
            return null;
        }

        return user;
    }

    // Found is false for an unknown id, which answers 404 before any complaint already in `errors`.
    public Task<(bool Found, bool Updated)> UpdateAsync(long id, UserChanges changes, ValidationErrors errors, CancellationToken ct) =>
        InChangeAsync(id, user => UpdateAsync(user, changes, errors, ct), ct);

    public Task<(bool Found, bool Deleted)> DeleteAsync(long id, ValidationErrors errors, CancellationToken ct) =>
        InChangeAsync(id, user => DeleteAsync(user, errors, ct), ct);

    // The user read and written in one serializable change, committed only if the write was allowed.
    private async Task<(bool Found, bool Done)> InChangeAsync(long id, Func<User, Task<bool>> write, CancellationToken ct)
    {
        await using var change = await audit.BeginAsync(ct, IsolationLevel.Serializable);
        if (await FindAsync(id, ct) is not { } user)
        {
            return (false, false);
        }

        var done = await write(user);
        if (done)
        {
            await change.CommitAsync(ct);
        }

        return (true, done);
    }

    private async Task<bool> UpdateAsync(User user, UserChanges changes, ValidationErrors errors, CancellationToken ct)
    {
        await CheckAsync(user, changes, errors, isNew: false, ct);
        if (errors.Count == 0 && await IsLastActiveSuperuserAsync(user, ct))
        {
            if (changes.IsSuperuser == false)
            {
                errors.Add(UserFields.IsSuperuser, "The last active superuser cannot give up superuser status.");
            }

            if (changes.IsActive == false)
            {
                errors.Add(UserFields.IsActive, "The last active superuser cannot be deactivated.");
            }
        }

        if (errors.Count > 0)
        {
            return false;
        }

        var before = new { user.Username, user.IsStaff, user.IsSuperuser, user.IsActive, Codes = user.Permissions.Select(p => p.Code).ToList() };
        Apply(user, changes);
        await db.SaveChangesAsync(ct);
        var changed = new AuditChanges()
            .Changed(UserFields.Username, before.Username, user.Username)
            .Changed(UserFields.IsStaff, before.IsStaff, user.IsStaff)
            .Changed(UserFields.IsSuperuser, before.IsSuperuser, user.IsSuperuser)
            .Changed(UserFields.IsActive, before.IsActive, user.IsActive);
        if (!changed.IsEmpty)
        {
            audit.Record(Entry(AuditActions.UserUpdate, user, changed));
        }

        RecordGrants(user, before.Codes);
        if (changes.Password is not null)
        {
            await accounts.EndSessionsAsync(user, ct);
        }

        return true;
    }

    private async Task<bool> DeleteAsync(User user, ValidationErrors errors, CancellationToken ct)
    {
        if (await IsLastActiveSuperuserAsync(user, ct))
        {
            errors.Add(ValidationErrors.NonField, "The last active superuser cannot be deleted.");
            return false;
        }

        // Its tokens and permission grants go with it (ON DELETE CASCADE).
        db.Users.Remove(user);
        await db.SaveChangesAsync(ct);
        audit.Record(Entry(AuditActions.UserDelete, user, new AuditChanges()
            .Removed(UserFields.Username, user.Username)
            .Removed(UserFields.IsStaff, user.IsStaff)
            .Removed(UserFields.IsSuperuser, user.IsSuperuser)
            .Removed(UserFields.IsActive, user.IsActive)
            .Removed(UserFields.Permissions, user.Permissions.Select(p => p.Code).Order().ToList())));
        return true;
    }

    public static AuditRecord Entry(string action, User user, AuditChanges changes) =>
        new(action, AuditObjects.User, user.Id, user.Username, changes);

    private void RecordGrants(User user, List<int> before)
    {
        var after = user.Permissions.Select(p => p.Code).ToList();
        foreach (var code in after.Except(before).Order())
        {
            audit.Record(Entry(AuditActions.PermissionGrant, user, new AuditChanges().Added("permission", code)));
        }

        foreach (var code in before.Except(after).Order())
        {
            audit.Record(Entry(AuditActions.PermissionRevoke, user, new AuditChanges().Removed("permission", code)));
        }
    }

    private async Task<bool> IsLastActiveSuperuserAsync(User user, CancellationToken ct) =>
        user is { IsSuperuser: true, IsActive: true }
        && !await db.Users.AnyAsync(u => u.Id != user.Id && u.IsSuperuser && u.IsActive, ct);

    private async Task CheckAsync(User user, UserChanges changes, ValidationErrors errors, bool isNew, CancellationToken ct)
    {
        if (changes.Username is { } username && (isNew || username != user.Username)
            && await db.Users.AnyAsync(u => u.Username == username, ct))
        {
            errors.Add(UserFields.Username, UserFields.UsernameTaken);
        }

        if (changes.Password is { } password)
        {
            errors.AddRange(UserFields.Password, PasswordRules.Check(password, changes.Username ?? user.Username));
        }

        if (changes.Permissions is { Count: > 0 } codes)
        {
            var known = await db.Permissions.Select(p => (long)p.Code).ToListAsync(ct);
            var unknown = codes.Except(known).ToList();
            if (unknown.Count > 0)
            {
                // DRF reports the first unknown key only.
                errors.Add(UserFields.Permissions, JsonFields.DoesNotExist(unknown[0].ToString(CultureInfo.InvariantCulture)));
            }
        }
    }

    private void Apply(User user, UserChanges changes)
    {
        user.Username = changes.Username ?? user.Username;
        user.IsStaff = changes.IsStaff ?? user.IsStaff;
        user.IsSuperuser = changes.IsSuperuser ?? user.IsSuperuser;
        user.IsActive = changes.IsActive ?? user.IsActive;
        if (changes.Password is { } password)
        {
            accounts.SetPassword(user, password);
        }

        if (changes.Permissions is { } codes)
        {
            user.Permissions.RemoveAll(p => !codes.Contains(p.Code));
            foreach (var code in codes.Distinct().Where(code => !user.Permissions.Exists(p => p.Code == code)))
            {
                user.Permissions.Add(new UserPermission { Code = (int)code });
            }
        }
    }
}
