using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.Execution;
using DurableAgents.Orchestration.History;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.Worker;

/// <summary>Turns a locked work item into the episode result to store: replay or resume, run, and collect what to send.</summary>
internal sealed partial class OrchestrationWorkItemRunner(
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    ILoggerFactory loggerFactory,
    InstanceCache cache,
    TimeProvider timeProvider)
{
    public async Task<(OrchestrationWorkItemResult Result, OrchestrationExecutor? Keep)> RunAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var state = workItem.State;
        var cached = cache.Take(workItem.InstanceId);
        if (state is { RuntimeStatus: var status } && status.IsTerminal())
        {
            // A finished instance ignores late messages (duplicates, stale timers, events after the end).
            return (Unchanged(state), null);
        }

        var currentExecutionId = state?.ExecutionId ?? StartEvent(workItem.NewMessages)?.ExecutionId;
        var messages = workItem.NewMessages
            .Where(m => m.Event is ExecutionStartedEvent || m.ExecutionId is null || m.ExecutionId == currentExecutionId)
            .ToList();

        var executor = cached;
        IReadOnlyList<HistoryEvent>? replay = null;
        var baseCount = state?.HistoryEventCount ?? 0;
        if (executor is null || !executor.IsReusable || executor.CachedExecutionId != state?.ExecutionId || executor.HistoryEventCount != baseCount)
        {
            replay = state is null ? [] : await workItem.LoadHistoryAsync(cancellationToken);
            baseCount = replay.Count;
            var name = state?.Name ?? StartEvent(messages)?.Name;
            if (name is null)
            {
                // Messages for an instance that never started and has no start message: nothing can run them.
                return (Unchanged(state ?? NewState(workItem.InstanceId, "(unknown)", currentExecutionId ?? "", now)), null);
            }

            executor = new OrchestrationExecutor(
                workItem.InstanceId, name, registry.CreateOrchestrator(name, services), registry.OrchestratorNames, converter, loggerFactory);
        }

        var episode = executor.RunEpisode(replay, messages, now);
        var result = BuildResult(workItem.InstanceId, state, executor, episode, baseCount, now);
        if (episode.Outcome is null && executor.IsReusable)
        {
            executor.HistoryEventCount = result.State.HistoryEventCount;
            executor.CachedExecutionId = result.State.ExecutionId;
            return (result, executor);
        }

        return (result, null);
    }

    private static ExecutionStartedEvent? StartEvent(IEnumerable<TaskMessage> messages) =>
        messages.Select(m => m.Event).OfType<ExecutionStartedEvent>().FirstOrDefault();

    private static OrchestrationWorkItemResult Unchanged(OrchestrationState state) =>
        new() { NewEvents = [], State = state };

    private static OrchestrationState NewState(string instanceId, string name, string executionId, DateTime now) => new()
    {
        InstanceId = instanceId,
        Name = name,
        ExecutionId = executionId,
        RuntimeStatus = OrchestrationRuntimeStatus.Pending,
        CreatedAt = now,
        LastUpdatedAt = now,
    };
}
