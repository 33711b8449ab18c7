using DurableTask.Core;

namespace DurableAgents.DurableTask.Worker;

/// <summary>Per named worker: how to get the DTFx provider it runs on (set by UseOrchestrationService and friends).</summary>
internal sealed class WorkerProviderOptions
{
    public Func<IServiceProvider, IOrchestrationService>? Factory { get; set; }
}
