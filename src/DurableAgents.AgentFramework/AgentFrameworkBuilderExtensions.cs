using DurableAgents.AgentFramework;
using DurableAgents.Agents;
using DurableAgents.Hosting;
using Microsoft.Agents.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Microsoft Agent Framework agents as durable agents.</summary>
public static class AgentFrameworkBuilderExtensions
{
    /// <summary>
    /// Adds <paramref name="agent"/> (a <see cref="ChatClientAgent"/>, or any agent over a chat client): its runs are durable, its model
    /// and tool calls are activities under <paramref name="policy"/>. See <see cref="AgentFrameworkAgents.ToDefinition"/>.
    /// </summary>
    public static DurableAgentsBuilder AddAgent(this DurableAgentsBuilder builder, AIAgent agent, AgentPolicy? policy = null, Action<AgentDefinition>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddAgent(AgentFrameworkAgents.ToDefinition(agent, policy, configure));
    }
}
