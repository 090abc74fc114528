namespace Portfolio.Api.Accounts;

public sealed class User
{
    public long Id { get; set; }
    public required string Username { get; set; }
    public string PasswordHash { get; set; } = "";
    public bool IsStaff { get; set; }
    public bool IsSuperuser { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime DateJoined { get; set; }
    public DateTime? LastLogin { get; set; }
    public List<UserPermission> Permissions { get; } = [];
    public List<ApiToken> Tokens { get; } = [];
}

public sealed class UserPermission
{
    public long UserId { get; set; }
    public int Code { get; set; }
}

public sealed class Permission
{
    public int Code { get; set; }
    public required string Name { get; set; }
}

// A device's key is shown once; the database keeps only its SHA-256, so a leaked table leaks no key.
public sealed class ApiToken
{
    public long Id { get; set; }
    public long UserId { get; set; }
    public User User { get; set; } = null!;
    public required byte[] KeyHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
}
