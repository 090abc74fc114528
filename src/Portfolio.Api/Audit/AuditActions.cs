namespace Portfolio.Api.Audit;

// What an entry can say happened, and to what kind of object; ?action= and ?object_type= accept
// exactly these.
internal static class AuditActions
{
    public const string EmployerCreate = "employer.create";
    public const string EmployerUpdate = "employer.update";
    public const string EmployerDelete = "employer.delete";
    public const string MediaUpload = "media.upload";
    public const string MediaDelete = "media.delete";
    public const string MediaRegenerate = "media.regenerate";
    public const string MediaCleanup = "media.cleanup";
    public const string UserCreate = "user.create";
    public const string UserUpdate = "user.update";
    public const string UserDelete = "user.delete";
    public const string PermissionGrant = "permission.grant";
    public const string PermissionRevoke = "permission.revoke";
    public const string PasswordChange = "password.change";
    public const string TokenIssue = "token.issue";
    public const string TokenRevoke = "token.revoke";
    public const string LoginSuccess = "login.success";
    public const string LoginFailure = "login.failure";
    public const string AuditPrune = "audit.prune";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        EmployerCreate, EmployerUpdate, EmployerDelete, MediaUpload, MediaDelete, MediaRegenerate, MediaCleanup,
        UserCreate, UserUpdate, UserDelete, PermissionGrant, PermissionRevoke, PasswordChange, TokenIssue, TokenRevoke,
        LoginSuccess, LoginFailure, AuditPrune,
    };
}

internal static class AuditObjects
{
    public const string Employer = "employer";
    public const string Media = "media";
    public const string User = "user";
    public const string Token = "token";
    public const string Audit = "audit";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Employer, Media, User, Token, Audit };
}

// Who made a change. A request's actor is its token's user; a command's is the system.
internal sealed record AuditActor(long? Id, string? Name)
{
    public const string SystemName = "system";

    public static readonly AuditActor System = new(null, SystemName);
    public static readonly AuditActor Anonymous = new(null, null);

    public static AuditActor User(long id, string username) => new(id, username);
}

// What a change tells the trail; the trail adds who, when, from where, and the link.
internal sealed record AuditRecord(string Action, string ObjectType, long? ObjectId, string? ObjectName, AuditChanges Changes);
