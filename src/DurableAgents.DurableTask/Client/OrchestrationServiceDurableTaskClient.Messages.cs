using Microsoft.DurableTask.Client;
using Core = DurableTask.Core;
using CoreHistory = DurableTask.Core.History;

namespace DurableAgents.DurableTask.Client;

internal sealed partial class OrchestrationServiceDurableTaskClient
{
    /// <summary>Sends an event; an instance that does not exist is an <see cref="ArgumentException"/> naming it.</summary>
    public override async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        if (string.IsNullOrWhiteSpace(eventName))
        {
            throw new ArgumentException("The event name must not be empty.", nameof(eventName));
        }

        var payload = _converter.Serialize(eventPayload);
        await SendAsync(instanceId, new CoreHistory.EventRaisedEvent(-1, payload) { Name = eventName }, cancellation);
    }

    /// <summary>Terminates a running instance; <see cref="TerminateInstanceOptions.Output"/> becomes its output.</summary>
    public override async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default)
    {
        if (options?.Recursive == true)
        {
            throw new NotSupportedException("Recursive termination is not supported on DTFx providers; terminate each sub-orchestration by its id.");
        }

        InstanceIds.Validate(instanceId, nameof(instanceId));
        await GetExistingStateAsync(instanceId, cancellation);
        await _client.ForceTerminateTaskOrchestrationAsync(instanceId, _converter.Serialize(options?.Output)).WaitAsync(cancellation);
    }

    /// <summary>Suspends an instance: it keeps receiving events but runs no code until resumed.</summary>
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new CoreHistory.ExecutionSuspendedEvent(-1, reason), cancellation);

    /// <summary>Resumes a suspended instance.</summary>
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) =>
        SendAsync(instanceId, new CoreHistory.ExecutionResumedEvent(-1, reason), cancellation);

    private async Task SendAsync(string instanceId, CoreHistory.HistoryEvent historyEvent, CancellationToken cancellation)
    {
        InstanceIds.Validate(instanceId, nameof(instanceId));
        await GetExistingStateAsync(instanceId, cancellation);
        var message = new Core.TaskMessage { OrchestrationInstance = new Core.OrchestrationInstance { InstanceId = instanceId }, Event = historyEvent };
        await _client.SendTaskOrchestrationMessageAsync(message).WaitAsync(cancellation);
    }
}
