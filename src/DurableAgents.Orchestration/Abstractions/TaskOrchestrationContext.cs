using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration;

/// <summary>What an orchestrator uses to schedule durable work; every call is recorded and replayed.</summary>
public abstract partial class TaskOrchestrationContext
{
    /// <summary>The orchestrator name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The deterministic current time: when the current episode began.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code is re-running past steps from history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The input, deserialized as <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    public Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration whose output is not needed.</summary>
    public Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC); there is no upper limit.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event; events raised before the wait are buffered and delivered in order.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Sends an event to another instance.</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the custom status that clients see.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Ends this execution and starts a new one with fresh history and <paramref name="newInput"/>.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>The logger factory the worker provides, for <see cref="CreateReplaySafeLogger(string)"/>.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>A logger that writes only when the code is not replaying, so each line is logged once.</summary>
    public ILogger CreateReplaySafeLogger(string categoryName) => new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>A replay-safe logger for <typeparamref name="T"/>.</summary>
    public ILogger CreateReplaySafeLogger<T>() => new ReplaySafeLogger(this, LoggerFactory.CreateLogger<T>());
}
