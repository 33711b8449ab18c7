using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using CoreHistory = DurableTask.Core.History;

namespace DurableAgents.DurableTask;

/// <summary>Reads and writes DTFx history as the JSON array its providers return (each event carries its EventType).</summary>
public static class HistoryJson
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        // History events have non-public constructors and DataMember properties with private setters.
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
        DateTimeZoneHandling = DateTimeZoneHandling.Utc,
    });

    /// <summary>Parses a provider's history JSON into typed events.</summary>
    /// <param name="json">A JSON array of DTFx history events, as <c>IOrchestrationServiceClient.GetOrchestrationHistoryAsync</c> returns.</param>
    /// <returns>The events in order.</returns>
    public static IList<CoreHistory.HistoryEvent> Parse(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        var array = JArray.Parse(json);
        return array.Select(item => (CoreHistory.HistoryEvent)item.ToObject(TypeOf(item), Serializer)!).ToList();
    }

    /// <summary>Writes events as indented DTFx history JSON (the format of the checked-in replay fixtures).</summary>
    /// <param name="events">The events to write.</param>
    /// <returns>The JSON array.</returns>
    public static string Write(IEnumerable<CoreHistory.HistoryEvent> events)
    {
        using var writer = new StringWriter();
        using var json = new JsonTextWriter(writer) { Formatting = Formatting.Indented };
        Serializer.Serialize(json, events.ToList());
        return writer.ToString();
    }

    private static Type TypeOf(JToken item)
    {
        var type = item["EventType"] ?? throw new FormatException($"A history event has no EventType: {item.ToString(Formatting.None)[..Math.Min(200, item.ToString().Length)]}");
        var eventType = type.Type == JTokenType.String
            ? Enum.Parse<CoreHistory.EventType>(type.Value<string>()!, ignoreCase: true)
            : (CoreHistory.EventType)type.Value<int>();
        return eventType switch
        {
            CoreHistory.EventType.ExecutionStarted => typeof(CoreHistory.ExecutionStartedEvent),
            CoreHistory.EventType.ExecutionCompleted => typeof(CoreHistory.ExecutionCompletedEvent),
            CoreHistory.EventType.ExecutionFailed => typeof(CoreHistory.ExecutionCompletedEvent),
            CoreHistory.EventType.ExecutionTerminated => typeof(CoreHistory.ExecutionTerminatedEvent),
            CoreHistory.EventType.ExecutionSuspended => typeof(CoreHistory.ExecutionSuspendedEvent),
            CoreHistory.EventType.ExecutionResumed => typeof(CoreHistory.ExecutionResumedEvent),
            CoreHistory.EventType.ExecutionRewound => typeof(CoreHistory.ExecutionRewoundEvent),
            CoreHistory.EventType.TaskScheduled => typeof(CoreHistory.TaskScheduledEvent),
            CoreHistory.EventType.TaskCompleted => typeof(CoreHistory.TaskCompletedEvent),
            CoreHistory.EventType.TaskFailed => typeof(CoreHistory.TaskFailedEvent),
            CoreHistory.EventType.SubOrchestrationInstanceCreated => typeof(CoreHistory.SubOrchestrationInstanceCreatedEvent),
            CoreHistory.EventType.SubOrchestrationInstanceCompleted => typeof(CoreHistory.SubOrchestrationInstanceCompletedEvent),
            CoreHistory.EventType.SubOrchestrationInstanceFailed => typeof(CoreHistory.SubOrchestrationInstanceFailedEvent),
            CoreHistory.EventType.TimerCreated => typeof(CoreHistory.TimerCreatedEvent),
            CoreHistory.EventType.TimerFired => typeof(CoreHistory.TimerFiredEvent),
            CoreHistory.EventType.OrchestratorStarted => typeof(CoreHistory.OrchestratorStartedEvent),
            CoreHistory.EventType.OrchestratorCompleted => typeof(CoreHistory.OrchestratorCompletedEvent),
            CoreHistory.EventType.EventSent => typeof(CoreHistory.EventSentEvent),
            CoreHistory.EventType.EventRaised => typeof(CoreHistory.EventRaisedEvent),
            CoreHistory.EventType.ContinueAsNew => typeof(CoreHistory.ContinueAsNewEvent),
            CoreHistory.EventType.GenericEvent => typeof(CoreHistory.GenericEvent),
            CoreHistory.EventType.HistoryState => typeof(CoreHistory.HistoryStateEvent),
            _ => throw new FormatException($"Unknown history event type {eventType}."),
        };
    }
}
