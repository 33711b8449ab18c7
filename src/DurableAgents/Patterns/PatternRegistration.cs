using DurableAgents.Agents;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Patterns;

/// <summary>Registers the patterns' orchestrators (each handed the catalog: orchestrators get no DI) and their activity.</summary>
internal static class PatternRegistration
{
    public static void Register(DurableTaskRegistry registry, IAgentCatalog catalog)
    {
        AddIfMissing(registry, PatternNames.Supervisor, () => new SupervisorOrchestrator(catalog));
        AddIfMissing(registry, PatternNames.ContentPipeline, () => new ContentPipelineOrchestrator(catalog));
        AddIfMissing(registry, PatternNames.PlanExecute, () => new PlanExecuteOrchestrator(catalog));
        AddIfMissing(registry, PatternNames.MessagePair, () => new MessagePairOrchestrator(catalog));
        AddIfMissing(registry, PatternNames.Mailbox, () => new MailboxOrchestrator(catalog));
        registry.AddActivity(PatternNames.StructuredCallActivity, sp => ActivatorUtilities.CreateInstance<StructuredCallActivity>(sp));
        registry.AddActivity(PatternNames.ReadToolResultActivity, sp => ActivatorUtilities.CreateInstance<ReadToolResultActivity>(sp));
    }

    private static void AddIfMissing(DurableTaskRegistry registry, string name, Func<ITaskOrchestrator> create)
    {
        if (!registry.GetOrchestrators().Any(o => o.Key == name))
        {
            registry.AddOrchestrator(name, create);
        }
    }
}
