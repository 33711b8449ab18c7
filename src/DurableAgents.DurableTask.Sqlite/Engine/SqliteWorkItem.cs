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

    /// <summary>Set once the instance's lock is given back, so a second release is a no-op.</summary>
    public bool Released { get; set; }
}
