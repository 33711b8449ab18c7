using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Logging;
using DurableAgents.DurableTask.Sqlite.Storage;
using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Sqlite;

// In-memory delivery of committed messages. Every method here runs under `gate`.
public sealed partial class SqliteOrchestrationService
{
    long NewId() => nextId++;

    /// <summary>Hands a committed message to its instance: to the timer queue while invisible, else to the instance's
    /// pending list, waking its idle session or queueing it for a work item.</summary>
    void Deliver(PendingMessage message, InstanceRecord record, bool makeReady = true)
    {
        if (message.VisibleAtUtc is DateTime visibleAt && visibleAt > UtcNow)
        {
            timers!.Add(message);
            return;
        }

        record.Pending.Add(message);
        if (record.Locked)
        {
            record.SessionWaiter?.TrySetResult(true);
        }
        else if (makeReady)
        {
            MakeReady(record);
        }
    }

    /// <summary>Delivers a committed message to whatever instance now holds its id, or drops it (and its row) with a log.</summary>
    void DeliverCommitted(PendingMessage message)
    {
        string reason;
        if (!instances.TryGetValue(message.InstanceId, out var record))
        {
            reason = "the instance does not exist (it was purged, or never created)";
        }
        else if (record.IsTerminal && message.Message.Event is not ExecutionStartedEvent)
        {
            reason = $"the instance is {record.Status}";
        }
        else
        {
            Deliver(message, record);
            return;
        }

        Log.MessageDropped(logger, message.InstanceId, message.Message.Event.EventType.ToString(), reason);
        DeleteRowsLater(messages: [message.Id]);
    }

    void ReleaseTimer(PendingMessage message) => DeliverCommitted(message with { VisibleAtUtc = null });

    void MakeReady(InstanceRecord record)
    {
        if (record.Queued || !record.HasDispatchableWork)
        {
            return;
        }

        if (record.NotBeforeUtc > DateTime.UtcNow)
        {
            if (!record.RetryScheduled)
            {
                record.RetryScheduled = true;
                _ = Task.Delay(TimeSpan.FromTicks(Math.Max(1, (record.NotBeforeUtc - DateTime.UtcNow).Ticks))).ContinueWith(
                    _ =>
                    {
                        lock (gate)
                        {
                            record.RetryScheduled = false;
                            MakeReady(record);
                        }
                    },
                    TaskScheduler.Default);
            }

            return;
        }

        record.Queued = true;
        readyInstances.Writer.TryWrite(record);
    }

    /// <summary>Takes the instance's pending messages for a work item.</summary>
    static List<PendingMessage> TakePending(InstanceRecord record)
    {
        var taken = new List<PendingMessage>(record.Pending);
        record.Pending.Clear();
        return taken;
    }

    void AddActivity(ActivityEntry entry)
    {
        activities[entry.Id] = entry;
        readyActivities.Writer.TryWrite(entry);
    }

    /// <summary>Deletes rows of dropped messages or activities in a later commit (they are garbage, not state).</summary>
    void DeleteRowsLater(List<long>? messages = null, List<long>? activityIds = null)
    {
        if (writer is null)
        {
            return;
        }

        var set = new WriteSet();
        set.DeletedMessages.AddRange(messages ?? []);
        set.DeletedActivities.AddRange(activityIds ?? []);
        _ = Enqueue(set);
    }
}
