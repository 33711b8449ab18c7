using DurableAgents.Agents;
using DurableAgents.Runs.Conversation;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Runs;

/// <summary>
/// Makes an <see cref="AgentRunClient"/> over a given Durable Task client, for hosts that get a client per call rather than one
/// from DI: in Azure Functions each invocation receives its <c>[DurableClient] DurableTaskClient</c> binding.
/// </summary>
public sealed class AgentRunClientFactory(IAgentCatalog catalog, ConversationLog conversations)
{
    /// <summary>A run client over <paramref name="client"/>; cheap, so make one per invocation.</summary>
    public AgentRunClient Create(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new AgentRunClient(client, catalog, conversations);
    }
}
