using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.History;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.Tests.Unit;

/// <summary>
/// Plays a backend that unlocks an instance inside Complete and returns only later (the Azure backend dispatches messages after
/// its unlock): Complete returns once the instance's next work item has been locked, so that episode starts first.
/// </summary>
internal sealed class SlowCompletingBackend(IOrchestrationService inner) : IOrchestrationService
{
    private int _locked;

    public Task StartAsync(CancellationToken cancellationToken) => inner.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public async Task<OrchestrationWorkItem?> LockNextOrchestrationWorkItemAsync(CancellationToken cancellationToken)
    {
        var item = await inner.LockNextOrchestrationWorkItemAsync(cancellationToken);
        if (item is not null)
        {
            Interlocked.Increment(ref _locked);
        }

        return item;
    }

    public async Task CompleteOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, OrchestrationWorkItemResult result, CancellationToken cancellationToken)
    {
        var before = Volatile.Read(ref _locked);
        await inner.CompleteOrchestrationWorkItemAsync(workItem, result, cancellationToken);
        if (!result.State.RuntimeStatus.IsTerminal())
        {
            await TestDeadline.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref _locked) > before), "the instance's next work item to be locked");
        }
    }

    public Task AbandonOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken) =>
        inner.AbandonOrchestrationWorkItemAsync(workItem, cancellationToken);

    public Task<ActivityWorkItem?> LockNextActivityWorkItemAsync(CancellationToken cancellationToken) => inner.LockNextActivityWorkItemAsync(cancellationToken);

    public Task CompleteActivityWorkItemAsync(ActivityWorkItem workItem, TaskMessage response, CancellationToken cancellationToken) =>
        inner.CompleteActivityWorkItemAsync(workItem, response, cancellationToken);

    public Task AbandonActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken) =>
        inner.AbandonActivityWorkItemAsync(workItem, cancellationToken);

    public Task CreateInstanceAsync(TaskMessage executionStarted, CancellationToken cancellationToken) => inner.CreateInstanceAsync(executionStarted, cancellationToken);

    public Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken) => inner.SendMessageAsync(message, cancellationToken);

    public Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken) =>
        inner.GetStateAsync(instanceId, includePayloads, cancellationToken);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken) => inner.GetHistoryAsync(instanceId, cancellationToken);

    public Task<InstanceQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken) => inner.PurgeAsync(instanceId, cancellationToken);
}
