namespace DurableAgents.Orchestration.History;

/// <summary>A message between the client, orchestrations and activities; delivered at least once.</summary>
/// <param name="Id">A unique id: applying the same message twice changes nothing.</param>
/// <param name="InstanceId">The instance the message is for (or from, for activity work).</param>
/// <param name="Event">What happened or what to do.</param>
public sealed record TaskMessage(string Id, string InstanceId, HistoryEvent Event)
{
    /// <summary>The execution the message belongs to; null for messages that apply to whichever execution is current.</summary>
    public string? ExecutionId { get; init; }

    /// <summary>The message may not be delivered before this time (UTC): timers and delayed starts.</summary>
    public DateTime? VisibleAt { get; init; }

    /// <summary>Creates a message with an id derived from what produced it, so that a re-sent copy is recognisably the same message.</summary>
    public static TaskMessage CreateWithId(string id, string instanceId, HistoryEvent historyEvent, string? executionId = null, DateTime? visibleAt = null) =>
        new(id, instanceId, historyEvent) { ExecutionId = executionId, VisibleAt = visibleAt };

    /// <summary>Creates a message with a fresh id.</summary>
    public static TaskMessage Create(string instanceId, HistoryEvent historyEvent, string? executionId = null, DateTime? visibleAt = null) =>
        new(Guid.NewGuid().ToString("N"), instanceId, historyEvent) { ExecutionId = executionId, VisibleAt = visibleAt };
}
