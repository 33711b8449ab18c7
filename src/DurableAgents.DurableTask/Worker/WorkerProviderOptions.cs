using DurableTask.Core;

namespace DurableAgents.DurableTask.Worker;

/// <summary>Per named worker: how to get the DTFx provider it runs on (set by UseOrchestrationService and friends).</summary>
internal sealed class WorkerProviderOptions
{
    public Func<IServiceProvider, IOrchestrationService>? Factory { get; set; }

    /// <summary>When set, orchestration time follows this clock instead of the machine's (see UseOrchestrationClock).</summary>
    public TimeProvider? Clock { get; set; }
}
