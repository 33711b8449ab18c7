using DurableAgents.DurableTask.Sqlite.Storage;

namespace DurableAgents.DurableTask.Sqlite;

/// <summary>Entries: a key-value store in the task hub's file whose writes share its group commits.</summary>
/// <remarks>For data an orchestration's steps produce besides their history, such as the embedded host's conversation
/// store: an entry written by an activity is committed with the same group commit as episodes and results around it
/// (no fsync of its own), and always no later than the result of the activity that wrote it, since writes commit in
/// the order they are made. A written entry is readable at once, before its commit.</remarks>
public sealed partial class SqliteOrchestrationService
{
    /// <summary>Written or deleted entries whose commit is pending (null value: deleted), so reads see them at once.</summary>
    readonly Dictionary<string, ReadOnlyMemory<byte>?> pendingEntries = new(StringComparer.Ordinal);

    /// <summary>The newest pending write of each key in <see cref="pendingEntries"/>.</summary>
    readonly Dictionary<string, object> pendingEntryWrites = new(StringComparer.Ordinal);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/> (replacing any value); completes once committed
    /// (it then survives SIGKILL; a later client write's fsync makes it survive power loss too).</summary>
    public async Task WriteEntryAsync(string key, ReadOnlyMemory<byte> value)
    {
        ValidateEntryKey(key);
        await EnsureOpenAsync().ConfigureAwait(false);
        Task commit;
        lock (gate)
        {
            var set = new WriteSet();
            set.Entries.Add((key, value));
            commit = TrackPendingEntry(set, key, value);
        }

        await commit.ConfigureAwait(false);
    }

    /// <summary>The value stored under <paramref name="key"/>, or null when there is none.</summary>
    public async Task<byte[]?> ReadEntryAsync(string key)
    {
        ValidateEntryKey(key);
        await EnsureOpenAsync().ConfigureAwait(false);
        lock (gate)
        {
            if (pendingEntries.TryGetValue(key, out var pending))
            {
                return pending?.ToArray();
            }
        }

        return Reader.ReadEntry(key);
    }

    /// <summary>Every entry whose key starts with <paramref name="keyPrefix"/>, in key order, pending writes and deletes included.</summary>
    /// <remarks>A range scan of the key index: for a store that keeps one small family of entries per prefix (agent memories).</remarks>
    public async Task<IReadOnlyList<KeyValuePair<string, byte[]>>> ReadEntriesAsync(string keyPrefix)
    {
        ValidateEntryKey(keyPrefix);
        await EnsureOpenAsync().ConfigureAwait(false);
        Dictionary<string, ReadOnlyMemory<byte>?> pending;
        lock (gate)
        {
            pending = pendingEntries.Where(p => p.Key.StartsWith(keyPrefix, StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        }

        // Committed rows first, then the overlay taken before them: a write committed in between is in both, with the same value.
        var entries = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (key, value) in Reader.ReadEntries(keyPrefix))
        {
            entries[key] = value;
        }

        foreach (var (key, value) in pending)
        {
            if (value is { } written)
            {
                entries[key] = written.ToArray();
            }
            else
            {
                entries.Remove(key);
            }
        }

        return entries.ToList();
    }

    /// <summary>Deletes the entries under <paramref name="keys"/> in one commit (keys that are not there are skipped).</summary>
    public async Task DeleteEntriesAsync(IReadOnlyCollection<string> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var key in keys)
        {
            ValidateEntryKey(key);
        }

        await EnsureOpenAsync().ConfigureAwait(false);
        var commits = new List<Task>();
        lock (gate)
        {
            // One write set per key keeps each key's pending overlay exact; the writer commits sets queued together in one transaction.
            foreach (var key in keys)
            {
                var set = new WriteSet();
                set.DeletedEntries.Add(key);
                commits.Add(TrackPendingEntry(set, key, null));
            }
        }

        await Task.WhenAll(commits).ConfigureAwait(false);
    }

    /// <summary>Bytes stored in entries whose key starts with <paramref name="keyPrefix"/>, once what is pending is committed.</summary>
    public async Task<long> GetEntryBytesAsync(string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        await EnsureOpenAsync().ConfigureAwait(false);
        Task flushed;
        lock (gate)
        {
            flushed = Enqueue(new WriteSet());
        }

        await flushed.ConfigureAwait(false);
        return Reader.SumEntryBytes(keyPrefix);
    }

    /// <summary>Deletes the entry under <paramref name="key"/> (nothing happens when there is none); completes once committed.</summary>
    public async Task DeleteEntryAsync(string key)
    {
        ValidateEntryKey(key);
        await EnsureOpenAsync().ConfigureAwait(false);
        Task commit;
        lock (gate)
        {
            var set = new WriteSet();
            set.DeletedEntries.Add(key);
            commit = TrackPendingEntry(set, key, null);
        }

        await commit.ConfigureAwait(false);
    }

    Task TrackPendingEntry(WriteSet set, string key, ReadOnlyMemory<byte>? value)
    {
        var marker = new object();
        pendingEntries[key] = value;
        pendingEntryWrites[key] = marker;
        void Forget()
        {
            // Only the newest pending write of a key clears the overlay; an older one's commit leaves the newer value.
            if (pendingEntryWrites.TryGetValue(key, out var newest) && ReferenceEquals(newest, marker))
            {
                pendingEntryWrites.Remove(key);
                pendingEntries.Remove(key);
            }
        }

        set.Committed = Forget;
        set.Failed = _ => Forget();
        return Enqueue(set);
    }

    static void ValidateEntryKey(string key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 1024)
        {
            throw new ArgumentException("An entry key must be 1-1024 characters.", nameof(key));
        }
    }
}
