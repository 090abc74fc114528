using System.Collections.Concurrent;

namespace Portfolio.Api.Accounts;

// A token's last-used time may be this stale: at most one write per token per interval, so that
// a busy client does not pay for an UPDATE on every request. The instance remembers when it last
// wrote, since the owner it authenticates from may come from its cache with an older time.
internal sealed class TokenUseRecorder
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMinutes(1);

    private const int Capacity = 100_000;

    private readonly ConcurrentDictionary<long, DateTime> _recorded = new();

    public bool IsDue(TokenOwner owner, DateTime now)
    {
        var last = _recorded.TryGetValue(owner.TokenId, out var recorded) ? recorded : owner.LastUsedAt;
        return last is not { } used || now - used >= Resolution;
    }

    public void Recorded(long tokenId, DateTime now)
    {
        if (_recorded.Count >= Capacity)
        {
            _recorded.Clear();
        }

        _recorded[tokenId] = now;
    }
}
