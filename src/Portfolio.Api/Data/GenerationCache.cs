using System.Collections.Concurrent;

namespace Portfolio.Api.Data;

// Remembers values read under one data generation; a newer generation starts an empty map, so
// nothing read before a change is ever served after it. Bounded: past the capacity it stops adding.
internal sealed class GenerationCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private Snapshot _current = new(long.MinValue, new());

    public bool TryGet(long generation, TKey key, out TValue value)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot.Generation == generation && snapshot.Entries.TryGetValue(key, out value!))
        {
            return true;
        }

        value = default!;
        return false;
    }

    // Call with the generation read before the value was, never after.
    public void Add(long generation, TKey key, TValue value)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot.Generation < generation)
        {
            var fresh = new Snapshot(generation, new());
            var previous = Interlocked.CompareExchange(ref _current, fresh, snapshot);
            snapshot = ReferenceEquals(previous, snapshot) ? fresh : Volatile.Read(ref _current);
        }

        if (snapshot.Generation == generation && snapshot.Entries.Count < capacity)
        {
            snapshot.Entries.TryAdd(key, value);
        }
    }

    private sealed record Snapshot(long Generation, ConcurrentDictionary<TKey, TValue> Entries);
}
