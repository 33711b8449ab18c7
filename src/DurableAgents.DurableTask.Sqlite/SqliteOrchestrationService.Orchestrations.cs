using System.Threading.Channels;
using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Logging;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc/>
    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        if (!await WaitUntilOpenAsync(cancellationToken).ConfigureAwait(false))
        {
            return null!;
        }

        EndSessionsWhenCancelled(cancellationToken);
        var queue = readyInstances.Reader;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(receiveTimeout);
        while (true)
        {
            InstanceRecord record;
            try
            {
                if (!queue.TryRead(out record!))
                {
                    record = await queue.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                return null!;
            }

            var workItem = TryLock(record);
            if (workItem is not null)
            {
                LoadRuntimeState(workItem);
                return workItem;
            }
        }
    }

    SqliteWorkItem? TryLock(InstanceRecord record)
    {
        lock (gate)
        {
            record.Queued = false;
            if (!record.HasDispatchableWork || !ReferenceEquals(instances.GetValueOrDefault(record.InstanceId), record))
            {
                return null;
            }

            if (record.NotBeforeUtc > DateTime.UtcNow)
            {
                MakeReady(record);
                return null;
            }

            record.Locked = true;
            var workItem = new SqliteWorkItem(record, TakePending(record))
            {
                LockedUntilUtc = DateTime.MaxValue,
            };
            if (settings.ExtendedSessionsEnabled)
            {
                workItem.Session = new SqliteOrchestrationSession(this, workItem);
            }

            return workItem;
        }
    }

    /// <summary>Builds the work item's runtime state: empty for a new instance, else the history read from the file.</summary>
    void LoadRuntimeState(SqliteWorkItem workItem)
    {
        string? executionId;
        lock (gate)
        {
            executionId = workItem.Record.Started ? workItem.Record.ExecutionId : null;
        }

        try
        {
            var history = executionId is null ? [] : Reader.ReadHistory(workItem.InstanceId, executionId);
            workItem.OrchestrationRuntimeState = new OrchestrationRuntimeState(history);
            workItem.StoredEventCount = history.Count;
        }
        catch
        {
            AbandonTaskOrchestrationWorkItemAsync(workItem);
            ReleaseTaskOrchestrationWorkItemAsync(workItem);
            throw;
        }
    }

    /// <inheritdoc/>
    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        workItem.LockedUntilUtc = DateTime.MaxValue;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteWorkItem)workItem;
        lock (gate)
        {
            var record = item.Record;
            if (item.InFlight.Count > 0)
            {
                // Back in front of anything that arrived meanwhile, in their original order.
                record.Pending.InsertRange(0, item.InFlight);
                Log.OrchestrationWorkItemAbandoned(logger, record.InstanceId, item.InFlight.Count, (long)RetryDelay(record.AbandonCount + 1).TotalMilliseconds);
                item.InFlight = [];
            }

            record.AbandonCount++;
            record.NotBeforeUtc = DateTime.UtcNow + RetryDelay(record.AbandonCount);
        }

        return Task.CompletedTask;
    }

    /// <summary>The delay before the <paramref name="attempt"/>th retry of an abandoned work item: doubling from the
    /// configured delay, at most a minute, so one failing item neither spins nor waits forever.</summary>
    TimeSpan RetryDelay(int attempt)
    {
        var delay = settings.AbandonedWorkItemRetryDelay * Math.Pow(2, Math.Min(attempt - 1, 16));
        return delay > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : delay;
    }

    /// <inheritdoc/>
    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        var item = (SqliteWorkItem)workItem;
        lock (gate)
        {
            if (item.Released)
            {
                return Task.CompletedTask;
            }

            item.Released = true;
            var record = item.Record;
            if (item.InFlight.Count > 0)
            {
                record.Pending.InsertRange(0, item.InFlight);
                item.InFlight = [];
            }

            record.Locked = false;
            record.SessionWaiter = null;
            MakeReady(record);
        }

        return Task.CompletedTask;
    }
}
