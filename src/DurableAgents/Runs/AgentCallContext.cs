namespace DurableAgents.Runs;

/// <summary>
/// What a model client or tool knows about the durable call it is running in, available as <see cref="Current"/> while it runs.
/// Side-effecting tools use <see cref="IdempotencyKey"/> to de-duplicate: an activity runs at least once, and a retry after a
/// crash carries the same key.
/// </summary>
/// <param name="RunId">The run (orchestration instance) id.</param>
/// <param name="Agent">The agent name.</param>
/// <param name="Kind">"model", "tool" or "compact".</param>
/// <param name="IdempotencyKey">The same for every delivery of this call, different for every other call.</param>
/// <param name="Step">The run's step.</param>
/// <param name="ToolName">The tool, for tool calls.</param>
/// <param name="CallId">The model's call id, for tool calls.</param>
public sealed record AgentCallContext(string RunId, string Agent, string Kind, string IdempotencyKey, int Step, string? ToolName = null, string? CallId = null)
{
    private static readonly AsyncLocal<AgentCallContext?> Ambient = new();

    /// <summary>The session the run is a turn of, for tool calls; null outside sessions.</summary>
    public string? Session { get; init; }

    /// <summary>The user the run is for, for tool calls (see <see cref="AgentRunInput.User"/>); null for a run for no user.</summary>
    public string? User { get; init; }

    /// <summary>The call running on this async flow, or null outside agent runs.</summary>
    public static AgentCallContext? Current => Ambient.Value;

    /// <summary>Makes <paramref name="context"/> current until the returned scope is disposed.</summary>
    public static IDisposable Enter(AgentCallContext context)
    {
        var previous = Ambient.Value;
        Ambient.Value = context;
        return new Scope(previous);
    }

    private sealed class Scope(AgentCallContext? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
