using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Portfolio.Api.Data;
using Portfolio.Api.Http;

namespace Portfolio.Api.Accounts;

// Password guessing is throttled on failures only: a login is checked while it has failures left
// in the window for its username from its client address, for its username from anywhere (a higher
// limit) and for its address, and only a failed check spends one, so successful logins are never
// counted. Keying the tight limit on username and address means a stranger guessing at a real
// user's name locks out only themself; the username's own limit still bounds a guesser who
// spreads over many addresses. The failures are counted in the database (LoginFailure),
// so the limits hold across instances. Checks for one username run one at a time per instance
// (and a few per address), so a burst of parallel guesses at one instance cannot all pass before
// the first failure is counted; across N instances a burst gets at most N - 1 tries more.
internal sealed class LoginThrottle : IDisposable
{
    private const int QueueLimit = 100;

    private static readonly TimeSpan QueueFullWait = TimeSpan.FromSeconds(1);

    private readonly ILogger<LoginThrottle> _logger;
    private readonly LoginThrottleOptions _options;
    private readonly TimeProvider _clock;
    private readonly PartitionedRateLimiter<string> _turns;

    public LoginThrottle(IOptions<AccountsOptions> options, TimeProvider clock, ILogger<LoginThrottle> logger)
    {
        _logger = logger;
        _clock = clock;
        _options = options.Value.LoginThrottle;
        _turns = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetConcurrencyLimiter(key, _ => new ConcurrencyLimiterOptions
        {
            PermitLimit = IsAddress(key) ? _options.AddressConcurrency : 1,
            QueueLimit = QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        }));
    }

    // Waits for this username's (and address's) turn; the turn says whether the login may be checked.
    public async Task<LoginTurn> WaitTurnAsync(AppDb db, IPAddress? client, string username, CancellationToken ct)
    {
        var address = AddressKey(client);
        var name = UsernameKey(username);
        var turn = new LoginTurn(this, db, [address, name, PairKey(address, username)]);
        try
        {
            // The pair needs no turn of its own: the username's is held.
            if (!turn.Hold(await _turns.AcquireAsync(address, 1, ct)) || !turn.Hold(await _turns.AcquireAsync(name, 1, ct)))
            {
                return turn.Refuse(QueueFullWait);
            }

            var now = Timestamps.UtcNow(_clock);
            TimeSpan? longestWait = null;
            foreach (var failure in await LoginFailures.OpenAsync(db, turn.Keys, now - _options.Window, ct))
            {
                if (failure.Failures >= LimitFor(failure.Key))
                {
                    var wait = failure.WindowStart + _options.Window - now;
                    longestWait = longestWait > wait ? longestWait : wait;
                    _logger.LogWarning("Login throttled: too many failures for {Partition}", failure.Key);
                }
            }

            return longestWait is { } refused ? turn.Refuse(refused) : turn;
        }
        catch
        {
            turn.Dispose();
            throw;
        }
    }

    // Not the request's token: a guesser who hangs up after a wrong password is still counted.
    public Task CountFailureAsync(AppDb db, IReadOnlyList<string> keys)
    {
        var now = Timestamps.UtcNow(_clock);
        return LoginFailures.CountAsync(db, keys, now, now - _options.Window, CancellationToken.None);
    }

    public void Dispose() => _turns.Dispose();

    private int LimitFor(string key) => key[0] switch
    {
        'a' => _options.AddressPermitLimit,
        'u' => _options.UsernamePermitLimit,
        _ => _options.PermitLimit,
    };

    private static bool IsAddress(string key) => key.StartsWith("a:", StringComparison.Ordinal);

    private static string UsernameKey(string username) => "u:" + username;

    // Hashed to fit the key column whatever the username's length.
    private static string PairKey(string addressKey, string username)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{addressKey}\n{username}"), hash);
        return "p:" + Convert.ToHexStringLower(hash[..16]);
    }

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
internal sealed class LoginTurn(LoginThrottle throttle, AppDb db, string[] keys) : IDisposable
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

    public Task RecordFailureAsync() => throttle.CountFailureAsync(db, keys);

    public void Dispose()
    {
        foreach (var lease in _held)
        {
            lease.Dispose();
        }

        _held.Clear();
    }
}
