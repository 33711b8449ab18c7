namespace DurableAgents.Api.Security;

/// <summary>Remembers signatures seen recently so a replayed webhook is refused; entries expire after the window.</summary>
public sealed class ReplayCache(TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly Dictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>How long a signature is remembered; longer than the timestamp window so a replay inside it is always caught.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>True the first time a key is seen (and records it); false for a replay.</summary>
    public bool TryAdd(string key)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_seen.Count >= MaxEntries / 2)
            {
                foreach (var expired in _seen.Where(e => e.Value <= now).Select(e => e.Key).ToList())
                {
                    _seen.Remove(expired);
                }
            }

            if (_seen.TryGetValue(key, out var until) && until > now)
            {
                return false;
            }

            if (_seen.Count >= MaxEntries)
            {
                // Refuse rather than forget: forgetting would let replays through.
                return false;
            }

            _seen[key] = now + Retention;
            return true;
        }
    }
}
