using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>A message to an orchestration instance with its row id (the order messages are delivered in).</summary>
internal sealed record PendingMessage(long Id, TaskMessage Message, DateTime? VisibleAtUtc = null)
{
    public string InstanceId => Message.OrchestrationInstance.InstanceId;

    /// <summary>The row that stores this message (lets an episode reuse the event's JSON for its history).</summary>
    public Storage.MessageRow? Row { get; init; }

    /// <summary>For an activity result: its write, held back so the episode that consumes it can take it over.</summary>
    public DeferredWrite? Deferred { get; init; }

    /// <summary>This message with the row that will store it.</summary>
    public Storage.MessageRow NewRow(out PendingMessage withRow)
    {
        var row = new Storage.MessageRow(Id, Message, VisibleAtUtc);
        withRow = this with { Row = row };
        return row;
    }
}
