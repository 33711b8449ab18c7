using DurableAgents.DurableTask.Sqlite.Engine;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.Extensions.Time.Testing;

namespace DurableAgents.DurableTask.Sqlite.Tests;

/// <summary>The timer queue with a test clock that another thread advances while the queue arms its timer.</summary>
public sealed class TimerQueueTests
{
    [Fact]
    public void ClockAdvancedWhileTheTimerIsArmed_TheMessageIsStillReleasedAtItsTime()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var fake = new FakeTimeProvider(start);
        // The test's Advance lands between the queue's read of the clock and its arming of the timer: the race that left a
        // schedule's timer unfired when a test advanced the clock just as the timer's message was committed.
        var racing = new AdvanceAfterFirstRead(fake, TimeSpan.FromSeconds(1));
        var released = new List<PendingMessage>();
        var gate = new object();
        using var queue = new TimerQueue(racing, gate, released.Add);

        lock (gate)
        {
            racing.Armed = true;
            queue.Add(Message(start.AddSeconds(1).UtcDateTime));
        }

        Assert.Single(released);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void MessageInTheFuture_IsReleasedWhenTheClockPassesIt_NotBefore()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var fake = new FakeTimeProvider(start);
        var released = new List<PendingMessage>();
        var gate = new object();
        using var queue = new TimerQueue(fake, gate, released.Add);
        lock (gate)
        {
            queue.Add(Message(start.AddSeconds(2).UtcDateTime));
        }

        fake.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(released);
        fake.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(released);
    }

    static PendingMessage Message(DateTime visibleAt) => new(1, new TaskMessage
    {
        Event = new TimerFiredEvent(-1) { FireAt = visibleAt },
        OrchestrationInstance = new OrchestrationInstance { InstanceId = "timer-test", ExecutionId = "e1" },
    }, visibleAt);

    /// <summary>Advances the fake clock once, right after the first time it is read while armed.</summary>
    sealed class AdvanceAfterFirstRead(FakeTimeProvider fake, TimeSpan step) : TimeProvider
    {
        bool advanced;

        public bool Armed { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            var now = fake.GetUtcNow();
            if (Armed && !advanced)
            {
                advanced = true;
                fake.Advance(step);
            }

            return now;
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            fake.CreateTimer(callback, state, dueTime, period);
    }
}
