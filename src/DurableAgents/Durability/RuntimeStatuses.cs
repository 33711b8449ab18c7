using Microsoft.DurableTask.Client;

namespace DurableAgents.Durability;

/// <summary>Helpers on the SDK's runtime status.</summary>
public static class RuntimeStatuses
{
    /// <summary>True once an instance can change no more: completed, failed or terminated (continued-as-new is not final).</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
