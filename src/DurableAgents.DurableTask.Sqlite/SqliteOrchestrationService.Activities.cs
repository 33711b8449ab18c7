using System.Globalization;
using System.Threading.Channels;
using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Logging;
using DurableAgents.DurableTask.Sqlite.Storage;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <inheritdoc/>
    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        if (!await WaitUntilOpenAsync(cancellationToken).ConfigureAwait(false))
        {
            return null!;
        }

        var queue = readyActivities.Reader;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(receiveTimeout);
        while (true)
        {
            ActivityEntry entry;
            try
            {
                if (!queue.TryRead(out entry!))
                {
                    entry = await queue.ReadAsync(timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                return null!;
            }

            lock (gate)
            {
                if (!activities.TryGetValue(entry.Id, out var known) || !ReferenceEquals(known, entry) || entry.Locked)
                {
                    continue;
                }

                if (!instances.TryGetValue(entry.InstanceId, out var record) || record.IsTerminal)
                {
                    // Its instance finished (terminated, failed) or was purged: nobody wants the result.
                    activities.Remove(entry.Id);
                    Log.ActivityResultDropped(logger, entry.InstanceId, "the instance has finished or is gone, so the activity is not run");
                    DeleteRowsLater(activityIds: [entry.Id]);
                    continue;
                }

                entry.Locked = true;
            }

            return new TaskActivityWorkItem
            {
                Id = entry.Id.ToString(CultureInfo.InvariantCulture),
                TaskMessage = entry.Message,
                LockedUntilUtc = DateTime.MaxValue,
            };
        }
    }

    /// <inheritdoc/>
    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        workItem.LockedUntilUtc = DateTime.MaxValue;
        return Task.FromResult(workItem);
    }

    /// <summary>Hands the result to its instance at once and stores it with the next group commit (not awaited; see
    /// the durability rules on <see cref="SqliteOrchestrationServiceSettings"/>).</summary>
    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(responseMessage);
        lock (gate)
        {
            if (!TryTakeLockedActivity(workItem, out var entry))
            {
                return Task.CompletedTask;
            }

            var set = new WriteSet();
            set.DeletedActivities.Add(entry.Id);
            var deferred = new DeferredWrite(set);
            string instanceId = responseMessage.OrchestrationInstance?.InstanceId ?? entry.InstanceId;
            if (!instances.TryGetValue(instanceId, out var record) || record.IsTerminal)
            {
                Log.ActivityResultDropped(logger, instanceId, record is null ? "the instance is gone" : $"the instance is {record.Status}");
            }
            else
            {
                set.Messages.Add(new PendingMessage(NewId(), responseMessage) { Deferred = deferred }.NewRow(out var message));
                Deliver(message, record);
            }

            Defer(deferred);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ActivityEntry entry;
        lock (gate)
        {
            if (!TryFindLockedActivity(workItem, out entry))
            {
                return Task.CompletedTask;
            }
        }

        var delay = settings.AbandonedWorkItemRetryDelay;
        Log.ActivityWorkItemAbandoned(logger, workItem.Id, entry.InstanceId, (long)delay.TotalMilliseconds);
        _ = Task.Delay(delay).ContinueWith(
            _ =>
            {
                lock (gate)
                {
                    entry.Locked = false;
                    readyActivities.Writer.TryWrite(entry);
                }
            },
            TaskScheduler.Default);
        return Task.CompletedTask;
    }

    bool TryTakeLockedActivity(TaskActivityWorkItem workItem, out ActivityEntry entry)
    {
        if (!TryFindLockedActivity(workItem, out entry))
        {
            return false;
        }

        activities.Remove(entry.Id);
        return true;
    }

    bool TryFindLockedActivity(TaskActivityWorkItem workItem, out ActivityEntry entry)
    {
        if (long.TryParse(workItem.Id, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            && activities.TryGetValue(id, out entry!) && entry.Locked)
        {
            return true;
        }

        Log.StaleActivityCompletion(logger, workItem.Id ?? "(null)");
        entry = null!;
        return false;
    }
}
