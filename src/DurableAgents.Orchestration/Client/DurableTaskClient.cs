using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Client;

/// <summary>Starts, signals, queries and manages orchestration instances.</summary>
public sealed partial class DurableTaskClient
{
    private readonly IOrchestrationService _service;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;

    /// <summary>Creates a client over a backend.</summary>
    public DurableTaskClient(IOrchestrationService service, DataConverter? converter = null, TimeProvider? timeProvider = null)
    {
        _service = service ?? throw new ArgumentNullException(nameof(service));
        _converter = converter ?? JsonDataConverter.Default;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Schedules a new instance and returns its id; refuses an id that is pending or running.</summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var now = _time.GetUtcNow().UtcDateTime;
        var startAt = options?.StartAt?.UtcDateTime;
        var executionId = Guid.NewGuid().ToString("N");
        var started = new ExecutionStartedEvent(orchestratorName, _converter.Serialize(input), executionId, null, startAt) { Timestamp = now };
        var message = TaskMessage.Create(instanceId, started, executionId, startAt > now ? startAt : null);
        await _service.CreateInstanceAsync(message, cancellation);
        return instanceId;
    }

    /// <summary>Raises an external event; throws <see cref="InstanceNotFoundException"/> for an unknown instance.</summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        await EnsureExistsAsync(instanceId, cancellation);
        var raised = new EventRaisedEvent(eventName, _converter.Serialize(eventPayload)) { Timestamp = _time.GetUtcNow().UtcDateTime };
        await _service.SendMessageAsync(TaskMessage.Create(instanceId, raised), cancellation);
    }

    /// <summary>Terminates an instance; the output becomes the reason.</summary>
    public async Task TerminateInstanceAsync(string instanceId, object? output = null, CancellationToken cancellation = default)
    {
        await EnsureExistsAsync(instanceId, cancellation);
        var terminated = new ExecutionTerminatedEvent(output as string ?? _converter.Serialize(output)) { Timestamp = _time.GetUtcNow().UtcDateTime };
        await _service.SendMessageAsync(TaskMessage.Create(instanceId, terminated), cancellation);
    }

    /// <summary>Suspends an instance: new events wait until it is resumed.</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await EnsureExistsAsync(instanceId, cancellation);
        await _service.SendMessageAsync(
            TaskMessage.Create(instanceId, new ExecutionSuspendedEvent(reason) { Timestamp = _time.GetUtcNow().UtcDateTime }), cancellation);
    }

    /// <summary>Resumes a suspended instance.</summary>
    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default)
    {
        await EnsureExistsAsync(instanceId, cancellation);
        await _service.SendMessageAsync(
            TaskMessage.Create(instanceId, new ExecutionResumedEvent(reason) { Timestamp = _time.GetUtcNow().UtcDateTime }), cancellation);
    }

    /// <summary>Deletes a finished instance and its history; throws while it still runs.</summary>
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId);
        return _service.PurgeAsync(instanceId, cancellation);
    }

    /// <summary>The instance, or null when it does not exist.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId);
        var state = await _service.GetStateAsync(instanceId, getInputsAndOutputs, cancellation);
        return state is null ? null : new OrchestrationMetadata(state, _converter, getInputsAndOutputs);
    }

    /// <summary>The instance's full history, oldest first.</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        InstanceIds.Validate(instanceId);
        return _service.GetHistoryAsync(instanceId, cancellation);
    }

    /// <summary>One page of instances matching the query.</summary>
    public async Task<OrchestrationPage> QueryInstancesAsync(OrchestrationQuery? query = null, CancellationToken cancellation = default)
    {
        query ??= new OrchestrationQuery();
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "PageSize must be between 1 and 1000.");
        }

        var result = await _service.QueryAsync(query, cancellation);
        return new OrchestrationPage(
            result.Instances.Select(s => new OrchestrationMetadata(s, _converter, query.FetchInputsAndOutputs)).ToList(), result.ContinuationToken);
    }

    /// <summary>Every instance matching the query, page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? query = null, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
    {
        query ??= new OrchestrationQuery();
        do
        {
            var page = await QueryInstancesAsync(query, cancellation);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }

    private async Task EnsureExistsAsync(string instanceId, CancellationToken cancellation)
    {
        InstanceIds.Validate(instanceId);
        if (await _service.GetStateAsync(instanceId, false, cancellation) is null)
        {
            throw new InstanceNotFoundException(instanceId);
        }
    }
}
