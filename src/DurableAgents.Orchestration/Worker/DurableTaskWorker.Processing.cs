using DurableAgents.Orchestration.Backend;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Orchestration.Worker;

/// <summary>Processing one work item of each kind.</summary>
public sealed partial class DurableTaskWorker
{
    /// <summary>
    /// Runs one orchestration episode handed over from outside the worker's own polling (a serverless queue trigger) and stores it;
    /// throws when it could not be stored, so that the trigger delivers the message again.
    /// </summary>
    public async Task RunOrchestrationWorkItemAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        try
        {
            var (result, keep) = await _orchestrationRunner.RunAsync(workItem, cancellationToken);
            KeepBeforeCompleting(keep);
            await _service.CompleteOrchestrationWorkItemAsync(workItem, result, cancellationToken);
        }
        catch
        {
            _cache.Take(workItem.InstanceId);
            throw;
        }
    }

    /// <summary>Runs one activity handed over from outside the worker's polling and stores its result; throws when that failed.</summary>
    public async Task RunActivityWorkItemAsync(ActivityWorkItem workItem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var reply = await _activityRunner.RunAsync(workItem, cancellationToken);
        await _service.CompleteActivityWorkItemAsync(workItem, reply, cancellationToken);
    }

    /// <summary>
    /// Caches the executor before the episode is stored: a backend unlocks the instance inside Complete, and the instance's next
    /// work item (a fan-in's next results) could otherwise start before the executor is back and replay the whole history. Safe
    /// because nothing else can take it while the instance is locked, a failed store drops it (see the catch blocks), and the
    /// runner reuses an executor only when its event count matches the stored state.
    /// </summary>
    private void KeepBeforeCompleting(Execution.OrchestrationExecutor? keep)
    {
        if (keep is not null)
        {
            _cache.Put(keep);
        }
    }

    private async Task ProcessOrchestrationAsync(OrchestrationWorkItem workItem)
    {
        var token = _workCancellation.Token;
        try
        {
            var (result, keep) = await _orchestrationRunner.RunAsync(workItem, token);
            KeepBeforeCompleting(keep);
            await _service.CompleteOrchestrationWorkItemAsync(workItem, result, token);

            if (result.State.RuntimeStatus.IsTerminal())
            {
                LogInstanceFinished(workItem.InstanceId, result.State.Name, result.State.RuntimeStatus);
            }
        }
        catch (Exception ex)
        {
            // Nothing was stored: the messages stay and are delivered again; the cached orchestrator may be ahead, so drop it.
            _cache.Take(workItem.InstanceId);
            LogOrchestrationFailed(ex, workItem.InstanceId);
            await AbandonQuietly(() => _service.AbandonOrchestrationWorkItemAsync(workItem, CancellationToken.None));
        }
    }

    private async Task ProcessActivityAsync(ActivityWorkItem workItem)
    {
        var token = _workCancellation.Token;
        try
        {
            var reply = await _activityRunner.RunAsync(workItem, token);
            await _service.CompleteActivityWorkItemAsync(workItem, reply, token);
        }
        catch (Exception ex)
        {
            LogActivityFailed(ex, workItem.Message.InstanceId, workItem.Message.Id);
            await AbandonQuietly(() => _service.AbandonActivityWorkItemAsync(workItem, CancellationToken.None));
        }
    }

    private async Task AbandonQuietly(Func<Task> abandon)
    {
        try
        {
            await abandon();
        }
        catch (Exception ex)
        {
            // The backend's lock expiry redelivers the work item when an abandon itself fails.
            LogAbandonFailed(ex);
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Durable task worker started: {Orchestrations} orchestrations and {Activities} activities at once")]
    private partial void LogStarted(int orchestrations, int activities);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Fetching {Kind} work failed; retrying in {Backoff}")]
    private partial void LogFetchFailed(Exception ex, string kind, TimeSpan backoff);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Orchestration episode for {InstanceId} could not be stored; it will be retried")]
    private partial void LogOrchestrationFailed(Exception ex, string instanceId);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Activity {MessageId} of {InstanceId} could not be completed; it will be retried")]
    private partial void LogActivityFailed(Exception ex, string instanceId, string messageId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Abandoning a work item failed")]
    private partial void LogAbandonFailed(Exception ex);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Instance {InstanceId} ({Name}) finished: {Status}")]
    private partial void LogInstanceFinished(string instanceId, string name, OrchestrationRuntimeStatus status);
}
