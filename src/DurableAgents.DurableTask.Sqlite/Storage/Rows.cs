using DurableAgents.DurableTask.Sqlite.Serialization;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>A row of the messages (or activities) table. A row made from a message serializes it only when the
/// writer needs it, so a result that an episode of the same commit consumes is never serialized as a message.</summary>
internal sealed class MessageRow
{
    readonly TaskMessage? message;
    string? data;
    string? context;
    bool contextDone;

    public MessageRow(long id, TaskMessage message, DateTime? visibleAtUtc)
    {
        this.message = message;
        Id = id;
        InstanceId = message.OrchestrationInstance.InstanceId;
        ExecutionId = message.OrchestrationInstance.ExecutionId;
        EventType = (int)message.Event.EventType;
        VisibleTicks = visibleAtUtc?.Ticks;
    }

    public MessageRow(long id, string instanceId, string? executionId, int eventType, long? visibleTicks, string data, string? context)
    {
        Id = id;
        InstanceId = instanceId;
        ExecutionId = executionId;
        EventType = eventType;
        VisibleTicks = visibleTicks;
        this.data = data;
        this.context = context;
        contextDone = true;
    }

    public long Id { get; }

    public string InstanceId { get; }

    public string? ExecutionId { get; }

    public int EventType { get; }

    public long? VisibleTicks { get; }

    /// <summary>The event's JSON (computed once; benign if two threads compute it at once).</summary>
    public string Data => data ??= EventCodec.Serialize(message!.Event);

    public string? Context
    {
        get
        {
            if (!contextDone)
            {
                context = EventCodec.ToJson(message!.OrchestrationExecutionContext);
                contextDone = true;
            }

            return context;
        }
    }

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
