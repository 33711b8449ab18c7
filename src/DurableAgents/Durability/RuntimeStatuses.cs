using Microsoft.DurableTask.Client;

namespace DurableAgents.Durability;

/// <summary>Helpers on the SDK's runtime status.</summary>
public static class RuntimeStatuses
{
    /// <summary>True once an instance can change no more: completed, failed or terminated (continued-as-new is not final).</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    /// <summary>
    /// True while an instance exists and has not ended: pending (scheduled, not yet dispatched), running, suspended or
    /// continued-as-new. Unlike the SDK's <see cref="OrchestrationMetadata.IsRunning"/>, which is true for Running only.
    /// </summary>
    public static bool IsLive(this OrchestrationMetadata? metadata) => metadata is not null && !metadata.RuntimeStatus.IsTerminal();
}
