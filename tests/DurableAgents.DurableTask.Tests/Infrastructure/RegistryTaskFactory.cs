using System.Diagnostics.CodeAnalysis;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.DurableTask.Tests.Infrastructure;

/// <summary>An <see cref="IDurableTaskFactory"/> over a registry's public listings (the SDK's own BuildFactory is internal).</summary>
internal sealed class RegistryTaskFactory(DurableTaskRegistry registry) : IDurableTaskFactory
{
    public bool TryCreateActivity(TaskName name, IServiceProvider serviceProvider, [NotNullWhen(true)] out ITaskActivity? activity)
    {
        activity = registry.GetActivities().Where(a => a.Key == name).Select(a => a.Value(serviceProvider)).FirstOrDefault();
        return activity is not null;
    }

    public bool TryCreateOrchestrator(TaskName name, IServiceProvider serviceProvider, [NotNullWhen(true)] out ITaskOrchestrator? orchestrator)
    {
        orchestrator = registry.GetOrchestrators().Where(o => o.Key == name).Select(o => o.Value(serviceProvider)).FirstOrDefault();
        return orchestrator is not null;
    }
}
