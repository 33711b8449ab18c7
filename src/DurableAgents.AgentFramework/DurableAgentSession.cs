using System.Text.Json;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;

namespace DurableAgents.AgentFramework;

/// <summary>
/// A conversation with a durable agent: the turns so far (each later run is given them as context) and the last run's id.
/// A durable run has no memory of earlier runs, so the session carries the conversation.
/// </summary>
public sealed class DurableAgentSession : AgentSession
{
    /// <summary>The user and assistant turns so far, oldest first.</summary>
    public List<ChatMessage> History { get; } = [];

    /// <summary>The id of the latest run of this session.</summary>
    public string? LastRunId { get; set; }

    internal JsonElement Serialize() => JsonSerializer.SerializeToElement(new State(
        LastRunId, History.Select(m => new Turn(m.Role.Value, m.Text)).ToList()));

    internal static DurableAgentSession Deserialize(JsonElement state)
    {
        var read = state.Deserialize<State>() ?? throw new ArgumentException("The session state is empty.", nameof(state));
        var session = new DurableAgentSession { LastRunId = read.LastRunId };
        session.History.AddRange((read.History ?? []).Select(t => new ChatMessage(new ChatRole(t.Role ?? "user"), t.Text)));
        return session;
    }

    private sealed record Turn(string? Role, string? Text);

    private sealed record State(string? LastRunId, List<Turn>? History);
}
