using System.Security.Cryptography;
using System.Text;
using DurableAgents.Orchestration.History;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.Execution;

/// <summary>The context handed to orchestrator code: records actions and hands out the tasks that history completes.</summary>
internal sealed class OrchestrationContextImpl : TaskOrchestrationContext
{
    private readonly DataConverter _converter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<string, Queue<string?>> _bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, LinkedList<TaskCompletionSource<string?>>> _eventWaiters = new(StringComparer.OrdinalIgnoreCase);
    private int _nextSequence;
    private int _guidCounter;

    public OrchestrationContextImpl(string instanceId, TaskName name, DataConverter converter, ILoggerFactory loggerFactory)
    {
        InstanceId = instanceId;
        Name = name;
        _converter = converter;
        _loggerFactory = loggerFactory;
    }

    public override TaskName Name { get; }

    public override string InstanceId { get; }

    public override DateTime CurrentUtcDateTime => CurrentTime;

    public override bool IsReplaying => Replaying;

    internal DateTime CurrentTime { get; set; }

    internal bool Replaying { get; set; }

    internal string? SerializedInput { get; set; }

    internal string? SerializedCustomStatus { get; private set; }

    internal (string? Input, bool PreserveEvents)? ContinueAsNewRequest { get; private set; }

    /// <summary>Actions asked for but not yet matched with (or written to) history, in order.</summary>
    internal SortedDictionary<int, OrchestratorAction> PendingActions { get; } = [];

    /// <summary>Scheduled tasks awaiting a completion event, by task id.</summary>
    internal Dictionary<int, IOpenTask> OpenTasks { get; } = [];

    protected override ILoggerFactory LoggerFactory => _loggerFactory;

    public override T? GetInput<T>() where T : default => _converter.Deserialize<T>(SerializedInput);

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var serializedInput = _converter.Serialize(input);
        return await WithRetries(options?.Retry, () =>
        {
            var id = _nextSequence++;
            var task = new OpenTask<TResult>(name, id, _converter);
            PendingActions.Add(id, new ScheduleTaskAction(id, name, serializedInput));
            OpenTasks.Add(id, task);
            return task.Task;
        });
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var serializedInput = _converter.Serialize(input);
        var explicitId = (options as SubOrchestrationOptions)?.InstanceId;
        return await WithRetries(options?.Retry, () =>
        {
            var id = _nextSequence++;
            var childId = explicitId ?? NewGuid().ToString("N");
            var task = new OpenTask<TResult>(orchestratorName, id, _converter);
            PendingActions.Add(id, new CreateSubOrchestrationAction(id, orchestratorName, childId, serializedInput));
            OpenTasks.Add(id, task);
            return task.Task;
        });
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _nextSequence++;
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        var timer = new OpenTask<object?>("timer", id, _converter);
        PendingActions.Add(id, new CreateTimerAction(id, utc));
        OpenTasks.Add(id, timer);
        if (cancellationToken.CanBeCanceled)
        {
            // The durable timer stays in history; cancelling only releases the awaiting code.
            cancellationToken.Register(timer.Cancel);
        }

        return timer.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        if (_bufferedEvents.TryGetValue(eventName, out var buffered) && buffered.Count > 0)
        {
            var payload = buffered.Dequeue();
            return Task.FromResult(_converter.Deserialize<T>(payload)!);
        }

        var waiter = new TaskCompletionSource<string?>();
        if (!_eventWaiters.TryGetValue(eventName, out var waiters))
        {
            _eventWaiters[eventName] = waiters = new LinkedList<TaskCompletionSource<string?>>();
        }

        var node = waiters.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                // A cancelled wait leaves the queue so that a later event is buffered, not lost.
                if (node.List is not null)
                {
                    waiters.Remove(node);
                    waiter.TrySetCanceled();
                }
            });
        }

        return ConvertEventPayload<T>(waiter.Task);
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var id = _nextSequence++;
        PendingActions.Add(id, new SendEventAction(id, instanceId, eventName, _converter.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus) => SerializedCustomStatus = _converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        ContinueAsNewRequest = (_converter.Serialize(newInput), preserveUnprocessedEvents);

    public override Guid NewGuid()
    {
        // Name-based (v5-style) GUID from values that are identical on every replay.
        var name = $"{InstanceId}_{CurrentTime:O}_{_guidCounter++}";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    /// <summary>Delivers an external event to the oldest waiter, or buffers it.</summary>
    internal void DeliverEvent(string name, string? payload)
    {
        if (_eventWaiters.TryGetValue(name, out var waiters) && waiters.First is { } first)
        {
            waiters.RemoveFirst();
            first.Value.TrySetResult(payload);
            return;
        }

        if (!_bufferedEvents.TryGetValue(name, out var queue))
        {
            _bufferedEvents[name] = queue = new Queue<string?>();
        }

        queue.Enqueue(payload);
    }

    /// <summary>Events that arrived but were never awaited, for ContinueAsNew to carry over.</summary>
    internal IEnumerable<(string Name, string? Payload)> UnprocessedEvents() =>
        _bufferedEvents.SelectMany(kv => kv.Value.Select(p => (kv.Key, p)));

    private async Task<T> ConvertEventPayload<T>(Task<string?> raw) => _converter.Deserialize<T>(await raw)!;

    private async Task<T> WithRetries<T>(RetryPolicy? policy, Func<Task<T>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttemptAt = CurrentTime;
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException ex)
            {
                var delay = policy.GetDelayBeforeAttempt(attemptNumber + 1, ex.FailureDetails, CurrentTime - firstAttemptAt);
                if (delay is null)
                {
                    throw;
                }

                await CreateTimer(CurrentTime.Add(delay.Value), CancellationToken.None);
            }
        }
    }
}
