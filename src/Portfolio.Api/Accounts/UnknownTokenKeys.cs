using Portfolio.Api.Data;

namespace Portfolio.Api.Accounts;

// Well-formed keys that were looked up and belong to no token, remembered under the data
// generation as the owners of good keys are, so that a client repeating a bad or revoked key
// costs what one with a good key does instead of a query each time. A new token raises the
// generation, so a key is never refused on a stale memory. Kept apart from the owners so that a
// flood of made-up keys fills only this cache, never crowding out the real ones.
internal sealed class UnknownTokenKeys
{
    private readonly GenerationCache<string, bool> _keys = new(capacity: 10_000);

    public bool Contains(long generation, string keyHash) => _keys.TryGet(generation, keyHash, out _);

    public void Add(long generation, string keyHash) => _keys.Add(generation, keyHash, true);
}
