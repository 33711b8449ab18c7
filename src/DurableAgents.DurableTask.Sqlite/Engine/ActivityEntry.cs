using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>An activity work item (a TaskScheduled message) known to the service, with its row id and lock.</summary>
internal sealed class ActivityEntry(long id, TaskMessage message)
{
    public long Id { get; } = id;

    public TaskMessage Message { get; } = message;

    public string InstanceId => Message.OrchestrationInstance.InstanceId;

    public bool Locked { get; set; }
}
