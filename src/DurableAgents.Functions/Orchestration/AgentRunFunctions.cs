using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Runs.Loop;
using DurableAgents.Telemetry;
using Microsoft.DurableTask;

namespace DurableAgents.Functions.Orchestration;

/// <summary>
/// The agent run as a Durable Functions orchestrator function; sub-agents are sub-orchestrations of this same function.
/// Orchestrators get no DI in the Durable Task SDK, so the orchestrator is built here with the catalog, which is configuration
/// and the same on every replay, and the telemetry, which records only while the code runs forward.
/// </summary>
public sealed class AgentRunFunctions(IAgentCatalog catalog, AgentTelemetry telemetry)
{
    /// <summary>Runs (or replays) one episode of an agent run.</summary>
    [Function(AgentRunNames.Orchestrator)]
    public Task<AgentRunResult> RunAgentAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AgentRunOrchestrator(catalog, telemetry).RunAsync(context, context.GetInput<AgentRunInput>()!);
    }
}
