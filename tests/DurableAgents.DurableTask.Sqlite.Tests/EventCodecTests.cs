using DurableAgents.DurableTask.Sqlite.Serialization;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Serializing;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class EventCodecTests
{
    public static TheoryData<HistoryEvent> Events()
    {
        var instance = new OrchestrationInstance { InstanceId = "i", ExecutionId = "e" };
        var failure = new FailureDetails("T", "m", "stack", new FailureDetails("Inner", "m2", null, null, false), isNonRetriable: true);
        return
        [
            new ExecutionStartedEvent(-1, "\"in\"")
            {
                Name = "N", Version = "1", OrchestrationInstance = instance, Tags = new Dictionary<string, string> { ["a"] = "b" },
                ParentInstance = new ParentInstance { Name = "p", TaskScheduleId = 3, OrchestrationInstance = instance },
                ScheduledStartTime = DateTime.UtcNow, Generation = 3,
            },
            new TaskScheduledEvent(5, "act", "v", "input") { Tags = new Dictionary<string, string> { ["k"] = "v" } },
            new TaskCompletedEvent(-1, 5, "result"),
            new TaskFailedEvent(-1, 5, "reason", "details", failure),
            new OrchestratorStartedEvent(-1),
            new OrchestratorCompletedEvent(-1),
            new TimerCreatedEvent(2, DateTime.UtcNow),
            new TimerFiredEvent(-1, DateTime.UtcNow) { TimerId = 2 },
            new EventRaisedEvent(-1, "x") { Name = "ev" },
            new EventSentEvent(4) { Name = "n", InstanceId = "t", Input = "i" },
            new ExecutionCompletedEvent(9, "out", OrchestrationStatus.Failed, failure),
            new ExecutionTerminatedEvent(-1, "why"),
            new ExecutionSuspendedEvent(-1, "s"),
            new ExecutionResumedEvent(-1, "r"),
            new SubOrchestrationInstanceCreatedEvent(3) { Name = "c", InstanceId = "ci", Input = "x", Version = "2" },
            new SubOrchestrationInstanceCompletedEvent(-1, 3, "r"),
            new SubOrchestrationInstanceFailedEvent(-1, 3, "r", "d", failure),
            new ContinueAsNewEvent(7, "x"),
            new GenericEvent(1, "d"),
            new ExecutionRewoundEvent(-1, "why"),
        ];
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void EveryEventType_RoundTripsWithAllItsMembers(HistoryEvent historyEvent)
    {
        string stored = EventCodec.Serialize(historyEvent);

        var back = EventCodec.Deserialize((int)historyEvent.EventType, stored);

        Assert.Equal(JsonDataConverter.Default.Serialize(historyEvent), JsonDataConverter.Default.Serialize(back));
        Assert.True(stored.Length < JsonDataConverter.Default.Serialize(historyEvent).Length, "the stored form should be smaller than DTFx's JSON");
    }

    [Fact]
    public void UnknownEventType_IsAClearError()
    {
        var error = Assert.Throws<InvalidDataException>(() => EventCodec.Deserialize(9999, "{}"));
        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
    }
}
