using DurableAgents.Agents;
using Microsoft.DurableTask;
using DurableAgents.Runs.Activities;
using DurableAgents.Runs.Loop;
using DurableAgents.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Runs;

/// <summary>Registers the agent-run orchestration and its activities with the worker.</summary>
internal static class AgentRunRegistration
{
    public static void Register(DurableTaskRegistry registry, IAgentCatalog catalog, AgentTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(catalog);

        // Orchestrators get no DI (the SDK creates them without a service provider); this one needs only the catalog, which is
        // configuration and the same on every replay, so it is handed over here (with the telemetry, used only when not replaying). An app (or a test) may register its own
        // AgentRun first; the default is added only when none is.
        if (!registry.GetOrchestrators().Any(o => o.Key == AgentRunNames.Orchestrator))
        {
            registry.AddOrchestrator(AgentRunNames.Orchestrator, () => new AgentRunOrchestrator(catalog, telemetry));
        }

        if (!registry.GetOrchestrators().Any(o => o.Key == Sessions.SessionNames.Orchestrator))
        {
            registry.AddOrchestrator(Sessions.SessionNames.Orchestrator, () => new Sessions.SessionOrchestrator(catalog));
        }

        registry.AddActivity(ModelCallActivity.Name, sp => ActivatorUtilities.CreateInstance<ModelCallActivity>(sp));
        registry.AddActivity(ToolCallActivity.Name, sp => ActivatorUtilities.CreateInstance<ToolCallActivity>(sp));
        registry.AddActivity(CompactActivity.Name, sp => ActivatorUtilities.CreateInstance<CompactActivity>(sp));
        registry.AddActivity(RecentToolCallsActivity.Name, sp => ActivatorUtilities.CreateInstance<RecentToolCallsActivity>(sp));
        registry.AddActivity(CloseConversationActivity.Name, sp => ActivatorUtilities.CreateInstance<CloseConversationActivity>(sp));
        registry.AddActivity(Memory.RecallLessonsActivity.Name, sp => ActivatorUtilities.CreateInstance<Memory.RecallLessonsActivity>(sp));
        registry.AddActivity(Memory.RecordEpisodeActivity.Name, sp => ActivatorUtilities.CreateInstance<Memory.RecordEpisodeActivity>(sp));
        registry.AddActivity(Audit.AuditActivity.Name, sp => ActivatorUtilities.CreateInstance<Audit.AuditActivity>(sp));
        Patterns.PatternRegistration.Register(registry, catalog);
    }
}
