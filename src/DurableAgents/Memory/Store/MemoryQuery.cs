namespace DurableAgents.Memory;

/// <summary>What a memory store scans: one agent's partition, optionally narrowed to some kinds and scopes.</summary>
/// <param name="Agent">The agent (required: every scan and search stays inside one agent's memories).</param>
/// <param name="Kinds">The kinds to keep; all when null.</param>
/// <param name="Scopes">The scopes to keep; all when null.</param>
public sealed record MemoryQuery(string Agent, IReadOnlySet<string>? Kinds = null, IReadOnlySet<string>? Scopes = null)
{
    /// <summary>True when <paramref name="record"/> is in the query's partition and sets.</summary>
    public bool Matches(MemoryRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return string.Equals(record.Agent, Agent, StringComparison.Ordinal)
            && (Kinds is null || Kinds.Contains(record.Kind))
            && (Scopes is null || Scopes.Contains(record.Scope));
    }
}
