using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using DataConverter = Microsoft.DurableTask.DataConverter;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>Resolves DTFx orchestration names through the SDK's task factory; unknown names get a failing stand-in.</summary>
internal sealed class OrchestrationObjectManager(
    IDurableTaskFactory factory, DurableTaskShimFactory shims, DataConverter converter, RegisteredTasks registered, IServiceProvider services)
    : INameVersionObjectManager<TaskOrchestration>
{
    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException("Register orchestrators with AddTasks(r => r.AddOrchestrator...) on the worker builder.");

    public TaskOrchestration GetObject(string name, string? version)
    {
        if (!factory.TryCreateOrchestrator(new TaskName(name), services, out var orchestrator))
        {
            return new UnknownOrchestration(
                TaskNotRegisteredException.For("orchestrator", name, registered.Orchestrators, "AddOrchestrator"));
        }

        return new SdkOrchestration(new TaskName(name), orchestrator, shims, converter);
    }
}
