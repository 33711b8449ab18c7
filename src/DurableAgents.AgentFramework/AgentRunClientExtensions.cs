using DurableAgents.Runs;

namespace DurableAgents.AgentFramework;

/// <summary>Durable agents as Agent Framework agents.</summary>
public static class AgentRunClientExtensions
{
    /// <summary>The agent named <paramref name="agent"/> as an <see cref="Microsoft.Agents.AI.AIAgent"/> whose runs are durable.</summary>
    /// <exception cref="AgentNotFoundException">No agent of that name is registered.</exception>
    public static DurableAIAgent AsAIAgent(this AgentRunClient runs, string agent, DurableAIAgentOptions? options = null) => new(runs, agent, options);
}
