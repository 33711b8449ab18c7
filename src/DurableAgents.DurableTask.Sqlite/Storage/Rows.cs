using DurableAgents.DurableTask.Sqlite.Serialization;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>A row of the messages table.</summary>
internal sealed record MessageRow(long Id, string InstanceId, string? ExecutionId, int EventType, long? VisibleTicks, string Data, string? Context)
{
    public static MessageRow From(long id, TaskMessage message, DateTime? visibleAtUtc) => new(
        id,
        message.OrchestrationInstance.InstanceId,
        message.OrchestrationInstance.ExecutionId,
        (int)message.Event.EventType,
        visibleAtUtc?.Ticks,
        EventCodec.Serialize(message.Event),
        EventCodec.ToJson(message.OrchestrationExecutionContext));

    public TaskMessage ToTaskMessage() => new()
    {
        Event = EventCodec.Deserialize(EventType, Data),
        OrchestrationInstance = new OrchestrationInstance { InstanceId = InstanceId, ExecutionId = ExecutionId },
        OrchestrationExecutionContext = EventCodec.FromJson<OrchestrationExecutionContext>(Context),
    };
}

/// <summary>A row of the history table.</summary>
internal sealed record HistoryRow(string InstanceId, string ExecutionId, int Seq, int EventType, string Data);

/// <summary>A write of an instance row: all columns (creation, ContinueAsNew) or only what an episode changes.</summary>
internal sealed class InstanceRow
{
    public required string InstanceId { get; init; }

    public required string ExecutionId { get; init; }

    public required string Name { get; init; }

    public string? Version { get; init; }

    public OrchestrationStatus Status { get; init; }

    public DateTime CreatedUtc { get; init; }

    public DateTime LastUpdatedUtc { get; init; }

    public DateTime? CompletedUtc { get; init; }

    public DateTime? ScheduledStartUtc { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public string? FailureDetails { get; init; }

    public string? Tags { get; init; }

    public string? Parent { get; init; }

    public int? Generation { get; init; }

    /// <summary>Writes every column (insert or replace); otherwise only status, times, output, custom status and failure.</summary>
    public bool AllColumns { get; init; }
}
