using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>A message to an orchestration instance with its row id (the order messages are delivered in).</summary>
internal sealed record PendingMessage(long Id, TaskMessage Message, DateTime? VisibleAtUtc = null)
{
    public string InstanceId => Message.OrchestrationInstance.InstanceId;
}
