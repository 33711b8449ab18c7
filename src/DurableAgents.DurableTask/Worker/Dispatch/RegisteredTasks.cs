using Microsoft.DurableTask;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>The names a worker registered, for error messages that say what could have been meant.</summary>
internal sealed class RegisteredTasks(IReadOnlyList<string> orchestrators, IReadOnlyList<string> activities)
{
    public IReadOnlyList<string> Orchestrators { get; } = orchestrators;

    public IReadOnlyList<string> Activities { get; } = activities;

    public static RegisteredTasks From(DurableTaskRegistry registry) => new(
        registry.GetOrchestrators().Select(o => o.Key.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
        registry.GetActivities().Select(a => a.Key.Name).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
}
