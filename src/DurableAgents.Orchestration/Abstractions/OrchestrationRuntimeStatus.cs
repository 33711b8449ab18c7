namespace DurableAgents.Orchestration;

/// <summary>The runtime status of an orchestration instance.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Created, not yet started (or scheduled to start later).</summary>
    Pending,

    /// <summary>Started and not finished.</summary>
    Running,

    /// <summary>Finished with an output.</summary>
    Completed,

    /// <summary>Finished with a failure.</summary>
    Failed,

    /// <summary>Stopped by a terminate request.</summary>
    Terminated,

    /// <summary>Paused by a suspend request; new events wait until resumed.</summary>
    Suspended,

    /// <summary>Restarted with new input; the new execution is about to start.</summary>
    ContinuedAsNew,
}

/// <summary>Helpers over <see cref="OrchestrationRuntimeStatus"/>.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True for Completed, Failed and Terminated.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;
}
