using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>What the service keeps in memory of an instance: identity, status, undelivered messages and its lock.
/// Inputs, outputs and history stay in the database.</summary>
internal sealed class InstanceRecord(string instanceId)
{
    public string InstanceId { get; } = instanceId;

    public string ExecutionId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public OrchestrationStatus Status { get; set; } = OrchestrationStatus.Pending;

    public DateTime CreatedUtc { get; set; }

    public DateTime LastUpdatedUtc { get; set; }

    public DateTime CompletedUtc { get; set; }

    /// <summary>Visible messages not yet handed to a work item, in id order.</summary>
    public List<PendingMessage> Pending { get; } = [];

    /// <summary>Held by a work item (an episode or an idle session).</summary>
    public bool Locked { get; set; }

    /// <summary>Waiting in the ready queue.</summary>
    public bool Queued { get; set; }

    /// <summary>Not dispatched before this real (not TimeProvider) time: the back-off after an abandoned work item.</summary>
    public DateTime NotBeforeUtc { get; set; }

    /// <summary>A delayed retry (after an abandoned work item) is scheduled.</summary>
    public bool RetryScheduled { get; set; }

    /// <summary>Work items of this instance abandoned in a row (reset by a committed episode).</summary>
    public int AbandonCount { get; set; }

    /// <summary>Created in memory but its creating write is not yet committed.</summary>
    public bool Reserved { get; set; }

    /// <summary>An idle session of this instance waiting for messages.</summary>
    public TaskCompletionSource<bool>? SessionWaiter { get; set; }

    /// <summary>Callers of WaitForOrchestrationAsync, signalled when the instance reaches a final status.</summary>
    public List<TaskCompletionSource<bool>>? Waiters { get; set; }

    public bool Started => Status != OrchestrationStatus.Pending;

    public bool IsTerminal => IsTerminalStatus(Status);

    public bool IsRunningOrPending => !IsTerminal;

    public static bool IsTerminalStatus(OrchestrationStatus status) => status is OrchestrationStatus.Completed
        or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled;

    /// <summary>Whether a work item can be made now: it has messages, and a new instance has its start message.</summary>
    public bool HasDispatchableWork => !Locked && !Reserved && Pending.Count > 0
        && (Started || Pending.Exists(m => m.Message.Event is global::DurableTask.Core.History.ExecutionStartedEvent));

    public void SignalWaiters()
    {
        if (Waiters is null)
        {
            return;
        }

        foreach (var waiter in Waiters)
        {
            waiter.TrySetResult(true);
        }

        Waiters = null;
    }
}
