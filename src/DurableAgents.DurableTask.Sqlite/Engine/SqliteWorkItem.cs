using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>An orchestration work item of this provider: the locked instance and the messages of the episode in progress.</summary>
internal sealed class SqliteWorkItem : TaskOrchestrationWorkItem
{
    public SqliteWorkItem(InstanceRecord record, List<PendingMessage> messages)
    {
        Record = record;
        InstanceId = record.InstanceId;
        InFlight = messages;
        NewMessages = messages.ConvertAll(m => m.Message);
    }

    public InstanceRecord Record { get; }

    /// <summary>Messages handed to DTFx whose consuming episode is not yet committed.</summary>
    public List<PendingMessage> InFlight { get; set; }

    /// <summary>History events stored for the current execution (the next one's sequence number).</summary>
    public int StoredEventCount { get; set; }

    /// <summary>Length of the runtime state's event list at which a session trims it again (see <see cref="SessionHistoryTrimmer"/>).</summary>
    public int TrimAt { get; set; } = SessionHistoryTrimmer.MinimumLength;

    /// <summary>Set once the instance's lock is given back, so a second release is a no-op.</summary>
    public bool Released { get; set; }
}
