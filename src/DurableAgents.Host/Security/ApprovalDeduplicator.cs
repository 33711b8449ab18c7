using DurableAgents.Runs;

namespace DurableAgents.Host.Security;

/// <summary>Remembers approvals delivered recently, so a second identical delivery is answered without raising the event again.</summary>
public sealed class ApprovalDeduplicator(TimeProvider time)
{
    private static readonly TimeSpan Retention = TimeSpan.FromHours(1);
    private readonly Dictionary<string, DateTimeOffset> _delivered = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>True when this decision was delivered to this run within the last hour.</summary>
    public bool IsRepeat(string runId, ApprovalDecision decision)
    {
        lock (_gate)
        {
            return _delivered.TryGetValue(Key(runId, decision), out var until) && until > time.GetUtcNow();
        }
    }

    /// <summary>Records a delivered decision.</summary>
    public void Remember(string runId, ApprovalDecision decision)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            foreach (var expired in _delivered.Where(e => e.Value <= now).Select(e => e.Key).ToList())
            {
                _delivered.Remove(expired);
            }

            _delivered[Key(runId, decision)] = now + Retention;
        }
    }

    private static string Key(string runId, ApprovalDecision decision) =>
        $"{runId}|{decision.Approved}|{string.Join(',', (decision.CallIds ?? []).Order(StringComparer.Ordinal))}";
}
