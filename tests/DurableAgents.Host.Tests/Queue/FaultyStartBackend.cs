using DurableAgents.Orchestration.Client;
using System.Collections.Concurrent;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Queue;

/// <summary>
/// Wraps the real backend and makes starts fail by instance id: <c>always-fail-*</c> never starts, and <c>lost-ack-*</c> is created
/// but its first start reports a failure (as if the host died before deleting the queue message).
/// </summary>
public sealed class FaultyStartBackend(IOrchestrationService inner) : IOrchestrationService, IOrchestrationStateNotifier
{
    public const string AlwaysFailPrefix = "always-fail-";
    public const string LostAckPrefix = "lost-ack-";

    /// <summary>Start attempts that reached the backend, by instance id.</summary>
    public ConcurrentDictionary<string, int> CreateCalls { get; } = new();

    /// <summary>Puts the wrapper around the backend the host registered.</summary>
    public static void Install(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IOrchestrationService));
        services.Remove(registered);
        services.AddSingleton<IOrchestrationService>(sp =>
            new FaultyStartBackend((IOrchestrationService)registered.ImplementationFactory!(sp)));
    }

    public async Task CreateInstanceAsync(TaskMessage executionStarted, CancellationToken cancellationToken)
    {
        var id = executionStarted.InstanceId;
        var calls = CreateCalls.AddOrUpdate(id, 1, (_, n) => n + 1);
        if (id.StartsWith(AlwaysFailPrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"test fault: the backend refuses to start {id}");
        }

        await inner.CreateInstanceAsync(executionStarted, cancellationToken);
        if (id.StartsWith(LostAckPrefix, StringComparison.Ordinal) && calls == 1)
        {
            throw new TimeoutException($"test fault: {id} was created but the answer was lost");
        }
    }

    public Task WaitForStateChangeAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellationToken) =>
        inner is IOrchestrationStateNotifier notifier ? notifier.WaitForStateChangeAsync(instanceId, maxWait, cancellationToken) : Task.Delay(maxWait, cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);
    public Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken) => inner.LockNextOrchestrationWorkItemAsync(cancellationToken);
    public Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken) =>
        inner.CompleteOrchestrationWorkItemAsync(workItem, result, cancellationToken);
    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) => inner.AbandonOrchestrationWorkItemAsync(workItem, cancellationToken);
    public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) => inner.LockNextActivityWorkItemAsync(cancellationToken);
    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken) =>
        inner.CompleteActivityWorkItemAsync(workItem, response, cancellationToken);
    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken) => inner.AbandonActivityWorkItemAsync(workItem, cancellationToken);
    public Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken) => inner.SendMessageAsync(message, cancellationToken);
    public Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) => inner.GetStateAsync(instanceId, includePayloads, cancellationToken);
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) => inner.GetHistoryAsync(instanceId, cancellationToken);
    public Task<InstanceQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);
    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeAsync(instanceId, cancellationToken);
}
