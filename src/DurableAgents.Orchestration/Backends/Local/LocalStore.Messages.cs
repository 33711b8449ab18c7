using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>Message delivery, timers and readiness.</summary>
internal sealed partial class LocalStore
{
    /// <summary>Puts a message in its instance's inbox, or holds it until its visibility time.</summary>
    private void Deliver(TaskMessage message)
    {
        if (!_instances.TryGetValue(message.InstanceId, out var instance))
        {
            if (message.Event is not ExecutionStartedEvent started)
            {
                return; // Messages to instances that do not exist (purged, never created) are dropped.
            }

            instance = new LocalInstance(OrchestrationState.Pending(message.InstanceId, started));
            _instances[message.InstanceId] = instance;
        }

        if (message.VisibleAt is { } visibleAt && visibleAt > Now)
        {
            instance.Delayed.Add(message);
            var wasEarliest = !_timers.TryPeek(out _, out var earliest) || visibleAt < earliest;
            _timers.Enqueue((message.InstanceId, message.Id), visibleAt);
            if (wasEarliest)
            {
                _timerChanged.TrySetResult();
            }

            return;
        }

        instance.Inbox.Add(message);
        MarkReady(message.InstanceId, instance);
    }

    private void MarkReady(string instanceId, LocalInstance instance)
    {
        if (!instance.Locked && !instance.Queued && instance.Inbox.Count > 0)
        {
            instance.Queued = true;
            _readyInstances.Writer.TryWrite(instanceId);
        }
    }

    private void EnqueueActivity(TaskMessage message)
    {
        _pendingActivities[message.Id] = message;
        _readyActivities.Writer.TryWrite(message);
    }

    /// <summary>Moves due timers to their inboxes; returns when the next one is due (or null).</summary>
    public DateTime? PromoteDueTimers()
    {
        var now = Now;
        while (_timers.TryPeek(out var entry, out var due))
        {
            if (due > now)
            {
                return due;
            }

            _timers.Dequeue();
            if (_instances.TryGetValue(entry.InstanceId, out var instance))
            {
                var index = instance.Delayed.FindIndex(m => m.Id == entry.MessageId);
                if (index >= 0)
                {
                    instance.Inbox.Add(instance.Delayed[index]);
                    instance.Delayed.RemoveAt(index);
                    MarkReady(entry.InstanceId, instance);
                }
            }
        }

        return null;
    }

    /// <summary>Completes when a timer earlier than any known one was added.</summary>
    public Task TimerChanged
    {
        get
        {
            if (_timerChanged.Task.IsCompleted)
            {
                _timerChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _timerChanged.Task;
        }
    }

    /// <summary>Locks an instance that has visible messages, or returns null if it is not lockable now.</summary>
    public OrchestrationWorkItem? TryLock(string instanceId, int maxMessages)
    {
        if (!_instances.TryGetValue(instanceId, out var instance))
        {
            return null;
        }

        instance.Queued = false;
        if (instance.Locked || instance.Inbox.Count == 0)
        {
            return null;
        }

        instance.Locked = true;
        var messages = instance.Inbox.Take(maxMessages).ToList();
        var history = instance.History;
        return new OrchestrationWorkItem
        {
            InstanceId = instanceId,
            State = instance.State,
            NewMessages = messages,
            LoadHistoryAsync = _ => ValueTask.FromResult(CopyHistory(history)),
            LockToken = instance,
        };
    }

    private IReadOnlyList<HistoryEvent> CopyHistory(List<HistoryEvent> history)
    {
        lock (Gate)
        {
            return history.ToList();
        }
    }

    /// <summary>Releases an instance lock and re-queues it when messages are waiting.</summary>
    public void Unlock(string instanceId)
    {
        if (_instances.TryGetValue(instanceId, out var instance))
        {
            instance.Locked = false;
            MarkReady(instanceId, instance);
        }
    }

    /// <summary>True when the activity is still pending (not completed by an earlier delivery).</summary>
    public bool IsActivityPending(string messageId) => _pendingActivities.ContainsKey(messageId);

    /// <summary>Re-queues an abandoned activity.</summary>
    public void RequeueActivity(TaskMessage message)
    {
        if (_pendingActivities.ContainsKey(message.Id))
        {
            _readyActivities.Writer.TryWrite(message);
        }
    }
}
