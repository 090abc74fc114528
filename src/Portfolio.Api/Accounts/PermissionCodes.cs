namespace Portfolio.Api.Accounts;

public static class PermissionCodes
{
    public const int PortfolioEmployer = 4222;

    public static readonly IReadOnlyList<Permission> All =
    [
        new() { Code = PortfolioEmployer, Name = "PortfolioEmployerPermission" },
    ];
}
