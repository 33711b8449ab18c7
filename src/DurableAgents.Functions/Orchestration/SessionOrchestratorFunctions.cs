using DurableAgents.Agents;
using DurableAgents.Sessions;
using Microsoft.DurableTask;

namespace DurableAgents.Functions.Orchestration;

/// <summary>
/// The multi-turn session as a Durable Functions orchestrator function: each turn is a sub-orchestration of the <c>AgentRun</c>
/// function. Built with the catalog, as <c>AgentRunRegistration</c> does in the self-hosted worker (orchestrators get no DI).
/// </summary>
public sealed class SessionOrchestratorFunctions(IAgentCatalog catalog)
{
    /// <summary>Runs (or replays) one history generation of a session.</summary>
    [Function(SessionNames.Orchestrator)]
    public Task<SessionStatus> RunSessionAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A missing input is the orchestrator's to handle: it closes the session rather than failing it.
        return new SessionOrchestrator(catalog).RunAsync(context, context.GetInput<SessionInput>()!);
    }
}
