using DurableAgents.Agents;
using DurableAgents.Runs;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Sessions;

/// <summary>
/// Makes a <see cref="SessionClient"/> over a given Durable Task client, for hosts that get a client per call rather than one from
/// DI: in Azure Functions each invocation receives its <c>[DurableClient] DurableTaskClient</c> binding.
/// </summary>
public sealed class SessionClientFactory(IAgentCatalog catalog, AgentRunClientFactory runs, SessionOptions options)
{
    /// <summary>A session client over <paramref name="client"/>; cheap, so make one per invocation.</summary>
    public SessionClient Create(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new SessionClient(client, catalog, runs.Create(client), options);
    }
}
