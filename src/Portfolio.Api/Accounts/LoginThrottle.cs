using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Portfolio.Api.Accounts;

// Password guessing is throttled on failures only: a login is checked while its client address
// and its username both have failures left in the window, and only a failed check spends one,
// so successful logins are never counted. Checks for one username run one at a time (and a few
// per address), so a burst of parallel guesses cannot all pass before the first is counted.
internal sealed class LoginThrottle : IDisposable
{
    private const int QueueLimit = 100;

    // The partitioned limiter replenishes windows on a 100 ms heartbeat: a window can end that late.
    private static readonly TimeSpan HeartbeatSlack = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan QueueFullWait = TimeSpan.FromSeconds(1);

    private readonly ILogger<LoginThrottle> _logger;
    private readonly LoginThrottleOptions _options;
    private readonly PartitionedRateLimiter<string> _turns;
    private readonly PartitionedRateLimiter<string> _failures;

    public LoginThrottle(IOptions<AccountsOptions> options, ILogger<LoginThrottle> logger)
    {
        _logger = logger;
        _options = options.Value.LoginThrottle;
        _turns = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = IsAddress(key) ? _options.AddressConcurrency : 1,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
        _failures = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = IsAddress(key) ? _options.AddressPermitLimit : _options.PermitLimit,
            Window = _options.Window,
        }));
    }

    // Waits for this username's (and address's) turn; the turn says whether the login may be checked.
    public async Task<LoginTurn> WaitTurnAsync(IPAddress? client, string username, CancellationToken ct)
    {
        var turn = new LoginTurn(_failures, [AddressKey(client), UsernameKey(username)]);
        try
        {
            foreach (var key in turn.Keys)
            {
                if (!turn.Hold(await _turns.AcquireAsync(key, 1, ct)))
                {
                    return turn.Refuse(QueueFullWait);
                }
            }

            TimeSpan? longestWait = null;
            foreach (var key in turn.Keys)
            {
                using var check = _failures.AttemptAcquire(key, 0);
                if (!check.IsAcquired)
                {
                    var wait = check.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : _options.Window;
                    longestWait = longestWait > wait ? longestWait : wait;
                    _logger.LogWarning("Login throttled: too many failures for {Partition}", key);
                }
            }

            return longestWait is { } refused ? turn.Refuse(refused + HeartbeatSlack) : turn;
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _turns.Dispose();
        _failures.Dispose();
    }

    private static bool IsAddress(string key) => key.StartsWith("a:", StringComparison.Ordinal);

    private static string UsernameKey(string username) => "u:" + username;

    // One host commonly holds a whole IPv6 /64; counting per address would give it billions of tries.
    private static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "a:";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return "a:" + address;
    }
}

// One login's place in the throttle: the concurrency leases it holds until disposed, and whether
// it was refused (RetryAfter) or may check the password and report a failure.
internal sealed class LoginTurn(PartitionedRateLimiter<string> failures, string[] keys) : IDisposable
{
    private readonly List<RateLimitLease> _held = new(keys.Length);

    public IReadOnlyList<string> Keys => keys;

    public TimeSpan? RetryAfter { get; private set; }

    public bool Hold(RateLimitLease lease)
    {
        _held.Add(lease);
        return lease.IsAcquired;
    }

    public LoginTurn Refuse(TimeSpan retryAfter)
    {
        RetryAfter = retryAfter;
        return this;
    }

    public void RecordFailure()
    {
        foreach (var key in keys)
        {
            // A fixed window's permit is spent when taken; the lease holds nothing to give back.
            failures.AttemptAcquire(key, 1).Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var lease in _held)
        {
            lease.Dispose();
        }

        _held.Clear();
    }
}
