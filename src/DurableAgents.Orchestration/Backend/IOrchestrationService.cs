using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backend;

/// <summary>
/// The backend seam: where instances, histories and messages live. Delivery is at least once; every message carries an id and
/// the worker makes applying one twice a no-op. Many worker processes may compete on one backend.
/// </summary>
public interface IOrchestrationService
{
    /// <summary>Prepares the backend (recovery, queues, leases); called once before use.</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Stops background work; pending acknowledgements are flushed.</summary>
    Task StopAsync(CancellationToken cancellationToken);

    /// <summary>Waits for and locks an instance that has new messages; null when there is nothing right now.</summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken);

    /// <summary>Stores an episode's result and consumes the work item's messages, atomically; releases the lock.</summary>
    Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken);

    /// <summary>Releases the lock without consuming the messages, so they are delivered again.</summary>
    Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>Waits for and locks one activity invocation; null when there is nothing right now.</summary>
    Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken);

    /// <summary>Removes the activity work and delivers its result message to the orchestration, atomically.</summary>
    Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken);

    /// <summary>Releases the activity so that it is delivered again.</summary>
    Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken);

    /// <summary>Creates an instance from its start message; throws <see cref="OrchestrationAlreadyExistsException"/> while one with the id is pending or running.</summary>
    Task CreateInstanceAsync(TaskMessage executionStarted, CancellationToken cancellationToken);

    /// <summary>Sends a message to an existing instance (events, terminate, suspend, resume).</summary>
    Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken);

    /// <summary>The instance's state, or null when it does not exist.</summary>
    Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken);

    /// <summary>The instance's full history (empty when it does not exist).</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>Queries instances.</summary>
    Task<InstanceQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance and its history; false when it did not exist. Throws when it is not finished.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>Optional: a backend that can tell in-process waiters at once when an instance's state changed.</summary>
public interface IOrchestrationStateNotifier
{
    /// <summary>Completes when the instance is created, purged or its runtime status changes (or after maxWait); callers re-check.</summary>
    Task WaitForStateChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken);
}
