namespace Portfolio.Api.Accounts;

// Configuration section "Accounts".
internal sealed class AccountsOptions
{
    public const string Section = "Accounts";

    // Off by default, as DRF's tokens never expire; when set, each new token gets ExpiresAt.
    public TimeSpan? TokenLifetime { get; set; }

    public LoginThrottleOptions LoginThrottle { get; set; } = new();

    public bool IsValid => TokenLifetime is null || TokenLifetime > TimeSpan.Zero;
}

// Failed logins allowed per window: per username from one client address, per username from
// all addresses together, and per address. Successful logins are never counted, so the address
// limit only has to stay above an office's honest typos.
internal sealed class LoginThrottleOptions
{
    public int PermitLimit { get; set; } = 10;

    public int UsernamePermitLimit { get; set; } = 100;

    public int AddressPermitLimit { get; set; } = 30;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    // Password checks running at once per address; more would only queue on the CPU anyway.
    public int AddressConcurrency { get; set; } = 4;

    public bool IsValid => PermitLimit > 0 && UsernamePermitLimit > 0 && AddressPermitLimit > 0 && AddressConcurrency > 0 && Window > TimeSpan.Zero;
}
