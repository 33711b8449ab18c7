using DurableAgents.ScaleOut.Tests.Infrastructure;

namespace DurableAgents.ScaleOut.Tests.Audit;

/// <summary>The audit on hand-made logs: it accepts the at-least-once cases and reports a step repeated after it finished.</summary>
public sealed class RepeatAuditTests
{
    private const int Victim = 9;
    private const string Run = "run-007";
    private static readonly DateTime T0 = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void MessageRedeliveredWhileItsHolderLived_IsAProblem()
    {
        var repeat = Audit([Received(1, 0, "m1"), Received(2, 70, "m1", dequeue: 2)], [Ran(1, 0.1), Ran(2, 70.1)]);
        Assert.Contains("while its holder, pid 1", repeat.Problem);
    }

    [Fact]
    public void MessageRedeliveredAfterItsHolderWasKilled_IsAtLeastOnce_EvenAfterTheResultWasRecorded()
    {
        var repeat = Audit([Received(Victim, 0, "m1"), Received(2, 60, "m1", dequeue: 2)], [Ran(Victim, 0.1), Ran(2, 60.1)], recordedAt: 5);
        Assert.Null(repeat.Problem);
        Assert.Equal([RepeatCause.KilledHolder], repeat.Causes);
        Assert.True(repeat.RanAfterResultRecorded);
    }

    [Fact]
    public void MessageTheVictimReceivedAsItWasKilled_CameBackBecauseOfTheKill_NotBeforeIt()
    {
        var afterKill = Audit([Received(Victim, 10.02, "m1"), Received(2, 70, "m1", dequeue: 2)], [Ran(Victim, 10.04), Ran(2, 70.1)]);
        Assert.Equal([RepeatCause.KilledHolder], afterKill.Causes);

        var beforeKill = Audit([Received(Victim, 1, "m1"), Received(2, 9, "m1", dequeue: 2)], [Ran(Victim, 1.1), Ran(2, 9.1)]);
        Assert.NotNull(beforeKill.Problem);
    }

    [Fact]
    public void MessageRedeliveredAfterItsHolderAbandonedIt_IsAtLeastOnce_ButAnErrorForItsInstanceIsNotEnough()
    {
        var abandoned = Event(1, 21, "Warning", "AbandoningMessage", $"{Run}: abandoning", ("InstanceId", Run), ("MessageId", "m1"));
        var repeat = Audit([Received(1, 19, "m1"), abandoned, Received(2, 80, "m1", dequeue: 2)], [Ran(1, 19.1), Ran(2, 80.1)]);
        Assert.Equal([RepeatCause.FailedAcknowledgement], repeat.Causes);

        var episodeFailed = Event(1, 21, "Error", "OrchestrationProcessingFailure", $"{Run}: store failed", ("InstanceId", Run));
        var unexplained = Audit([Received(1, 19, "m1"), episodeFailed, Received(2, 80, "m1", dequeue: 2)], [Ran(1, 19.1), Ran(2, 80.1)]);
        Assert.NotNull(unexplained.Problem);
    }

    [Fact]
    public void StepSentByTwoStoredEpisodes_IsAProblem()
    {
        var repeat = Audit(
            [Sent(1, 0), Stored(1, 0.2), Received(2, 1, "m1"), Sent(3, 5), Stored(3, 5.2), Received(2, 6, "m2")],
            [Ran(2, 1.1), Ran(2, 6.1)]);
        Assert.Contains("2 stored episodes", repeat.Problem);
    }

    [Fact]
    public void StepSentByAnEpisodeRefusedAsASplitBrain_IsAtLeastOnce()
    {
        var repeat = Audit(
            [Sent(1, 0), Stored(1, 0.2), Sent(3, 0.3), SplitBrain(3, 0.5), Received(2, 1, "m1"), Received(1, 1.2, "m2")],
            [Ran(2, 1.1), Ran(1, 1.3)], recordedAt: 1.5);
        Assert.Null(repeat.Problem);
        Assert.Equal([RepeatCause.SplitBrain], repeat.Causes);
        Assert.False(repeat.RanAfterResultRecorded);
    }

    [Fact]
    public void StepSentAgainAfterItsResultWasRecorded_IsAProblem_EvenWhenThatEpisodeWasRefused()
    {
        var repeat = Audit(
            [Sent(1, 0), Stored(1, 0.2), Received(2, 1, "m1"), Sent(3, 4), SplitBrain(3, 4.5), Received(2, 5, "m2")],
            [Ran(2, 1.1), Ran(2, 5.1)], recordedAt: 2);
        Assert.Contains("after its result was recorded", repeat.Problem);
    }

    [Fact]
    public void StepSentByTheKilledHostBeforeItStoredTheEpisode_IsAtLeastOnce()
    {
        var repeat = Audit([Sent(Victim, 0), Received(2, 1, "m1"), Sent(1, 70), Stored(1, 70.2), Received(2, 71, "m2")], [Ran(2, 1.1), Ran(2, 71.1)]);
        Assert.Equal([RepeatCause.KilledEpisode], repeat.Causes);
    }

    [Fact]
    public void OneSendTwoMessages_IsARetriedInsert_OnlyWhenTheSendWasInFlightAsTheOutageBegan()
    {
        // Sent at 14.7 s, just before the outage (17-26 s); the retried copy is stored long after the emulator is back.
        var retried = Audit(
            [Sent(1, 14.7), Stored(1, 15.2), Received(2, 40, "m1", age: 25_000), Received(3, 47, "m2", age: 3_000)], [Ran(2, 40.1), Ran(3, 47.1)]);
        Assert.Equal([RepeatCause.RetriedInsert], retried.Causes);

        var longBefore = Audit(
            [Sent(1, 2), Stored(1, 2.2), Received(2, 3, "m1", age: 900), Received(3, 33, "m2", age: 4_000)], [Ran(2, 3.1), Ran(3, 33.1)]);
        Assert.Contains("0 of them in flight", longBefore.Problem);

        var bothBefore = Audit(
            [Sent(1, 14.7), Stored(1, 15.2), Received(2, 15, "m1", age: 200), Received(3, 16, "m2", age: 500)], [Ran(2, 15.1), Ran(3, 16.1)]);
        Assert.NotNull(bothBefore.Problem);
    }

    [Fact]
    public void RunWithNoDeliveryInItsHostsLog_IsAProblem()
    {
        var repeat = Audit([Received(1, 0, "m1")], [Ran(1, 0.1), Ran(2, 3)]);
        Assert.Contains("no delivery", repeat.Problem);
    }

    // The outage is 17-26 s after T0; the victim is killed at 10 s.
    private static Repeat Audit(List<WorkerEvent> events, List<Execution> runs, double? recordedAt = null)
    {
        var audit = new RepeatAudit
        {
            VictimProcessId = Victim,
            KilledAt = T0.AddSeconds(10),
            OutageFrom = T0.AddSeconds(17),
            OutageTo = T0.AddSeconds(26),
            Events = events,
            ResultRecordedAt = (_, _) => recordedAt is { } at ? T0.AddSeconds(at) : null,
        };
        return Assert.Single(audit.Find(runs));
    }

    private static Execution Ran(int pid, double at) => new($"{Run}/3", pid, T0.AddSeconds(at));

    private static WorkerEvent Received(int pid, double at, string message, int dequeue = 1, int age = 50) =>
        Event(pid, at, "Information", "ReceivedMessage", "fetched", ("InstanceId", Run), ("EventType", "TaskScheduled"), ("TaskEventId", "3"),
            ("MessageId", message), ("DequeueCount", $"{dequeue}"), ("Age", $"{age}"));

    private static WorkerEvent Sent(int pid, double at) =>
        Event(pid, at, "Information", "SendingMessage", "sending", ("InstanceId", Run), ("EventType", "TaskScheduled"), ("TaskEventId", "3"));

    private static WorkerEvent Stored(int pid, double at) => Event(pid, at, "Information", "AppendedInstanceHistory", "appended", ("InstanceId", Run));

    private static WorkerEvent SplitBrain(int pid, double at) => Event(pid, at, "Warning", "SplitBrainDetected", "split brain", ("InstanceId", Run));

    private static WorkerEvent Event(int pid, double at, string level, string name, string message, params (string Name, string Value)[] fields) =>
        new(pid, T0.AddSeconds(at), level, "DurableTask.AzureStorage", name, message, fields.ToDictionary(f => f.Name, f => f.Value));
}
