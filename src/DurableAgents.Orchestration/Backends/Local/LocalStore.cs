using System.Threading.Channels;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>
/// The in-memory state shared by the in-memory and file backends. Every durable change goes through <see cref="Apply"/>,
/// so the file backend can journal the same commits and rebuild this state by replaying them.
/// </summary>
internal sealed partial class LocalStore(TimeProvider timeProvider)
{
    private readonly Dictionary<string, LocalInstance> _instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TaskMessage> _pendingActivities = new(StringComparer.Ordinal);
    private readonly PriorityQueue<(string InstanceId, string MessageId), DateTime> _timers = new();
    private readonly Channel<string> _readyInstances = Channel.CreateUnbounded<string>();
    private readonly Channel<TaskMessage> _readyActivities = Channel.CreateUnbounded<TaskMessage>();
    private readonly Dictionary<string, TaskCompletionSource> _stateWaiters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _contents = new(StringComparer.Ordinal);
    private TaskCompletionSource _timerChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Lock Gate { get; } = new();

    /// <summary>UTF-8 bytes of all stored content entries.</summary>
    public long ContentBytes { get; private set; }

    /// <summary>A content entry by id, or null.</summary>
    public string? GetContent(string id) => _contents.GetValueOrDefault(id);

    /// <summary>True when a content entry with this id is stored.</summary>
    public bool HasContent(string id) => _contents.ContainsKey(id);

    public ChannelReader<string> ReadyInstances => _readyInstances.Reader;

    public ChannelReader<TaskMessage> ReadyActivities => _readyActivities.Reader;

    private DateTime Now => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Applies one commit; returns an exception (not thrown) when the commit is refused, so that journal replay stays simple.</summary>
    public Exception? Apply(LocalCommit commit)
    {
        switch (commit)
        {
            case CreateInstanceCommit create:
                return ApplyCreate(create);
            case SendMessageCommit send:
                Deliver(send.Message);
                return null;
            case CompleteOrchestrationCommit episode:
                ApplyEpisode(episode);
                return null;
            case CompleteActivityCommit activity:
                _pendingActivities.Remove(activity.ActivityMessageId);
                Deliver(activity.Reply);
                return null;
            case PurgeCommit purge:
                return ApplyPurge(purge.InstanceId);
            case RestoreInstanceCommit restore:
                ApplyRestore(restore);
                return null;
            case PutContentCommit content:
                if (_contents.TryAdd(content.Id, content.Content))
                {
                    ContentBytes += System.Text.Encoding.UTF8.GetByteCount(content.Content);
                }

                return null;
            case RestoreActivitiesCommit activities:
                foreach (var m in activities.Messages)
                {
                    EnqueueActivity(m);
                }

                return null;
            default:
                throw new InvalidOperationException($"Unknown commit {commit.GetType().Name}.");
        }
    }

    private Exception? ApplyCreate(CreateInstanceCommit create)
    {
        var id = create.State.InstanceId;
        if (_instances.TryGetValue(id, out var existing) && !existing.State.RuntimeStatus.IsTerminal())
        {
            return new OrchestrationAlreadyExistsException(id, existing.State.RuntimeStatus);
        }

        // Starting an id whose last run finished replaces that run, as Durable Functions does.
        var instance = new LocalInstance(create.State);
        _instances[id] = instance;
        Deliver(create.Start);
        SignalState(id);
        return null;
    }

    private void ApplyEpisode(CompleteOrchestrationCommit episode)
    {
        if (!_instances.TryGetValue(episode.InstanceId, out var instance))
        {
            return;
        }

        var consumed = episode.ConsumedMessageIds.ToHashSet(StringComparer.Ordinal);
        instance.Inbox.RemoveAll(m => consumed.Contains(m.Id));
        instance.Delayed.RemoveAll(m => consumed.Contains(m.Id));
        if (episode.ReplaceHistory)
        {
            instance.History.Clear();
        }

        instance.History.AddRange(episode.NewEvents);
        var statusChanged = instance.State.RuntimeStatus != episode.State.RuntimeStatus;
        instance.State = episode.State;
        foreach (var m in episode.ActivityMessages)
        {
            EnqueueActivity(m);
        }

        foreach (var m in episode.OrchestratorMessages)
        {
            Deliver(m);
        }

        // Waiters wait for a status; waking them on every step would only compete with the engine for the CPU.
        if (statusChanged)
        {
            SignalState(episode.InstanceId);
        }
    }

    private Exception? ApplyPurge(string instanceId)
    {
        if (!_instances.TryGetValue(instanceId, out var instance))
        {
            return null;
        }

        if (!instance.State.RuntimeStatus.IsTerminal())
        {
            return new InvalidOperationException(
                $"Instance '{instanceId}' is {instance.State.RuntimeStatus}; only completed, failed or terminated instances can be purged. Terminate it first.");
        }

        _instances.Remove(instanceId);
        SignalState(instanceId);
        return null;
    }

    private void ApplyRestore(RestoreInstanceCommit restore)
    {
        var instance = new LocalInstance(restore.State);
        instance.History.AddRange(restore.History);
        _instances[restore.State.InstanceId] = instance;
        foreach (var m in restore.Messages)
        {
            Deliver(m);
        }
    }
}
