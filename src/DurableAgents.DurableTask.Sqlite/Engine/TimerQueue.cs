namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>Messages invisible until their time (durable timers, delayed starts), released by one clock timer.</summary>
/// <remarks>Every member runs under the service's lock; the clock callback takes that lock itself.</remarks>
internal sealed class TimerQueue : IDisposable
{
    static readonly TimeSpan MaxTimerDelay = TimeSpan.FromHours(12);
    static readonly long ArmingToleranceTicks = TimeSpan.FromMilliseconds(5).Ticks;

    readonly PriorityQueue<PendingMessage, long> queue = new();
    readonly TimeProvider clock;
    readonly object gate;
    readonly Action<PendingMessage> release;
    readonly ITimer timer;
    long scheduledTicks = long.MaxValue;
    bool disposed;

    public TimerQueue(TimeProvider clock, object gate, Action<PendingMessage> release)
    {
        this.clock = clock;
        this.gate = gate;
        this.release = release;
        timer = clock.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public int Count => queue.Count;

    public void Add(PendingMessage message)
    {
        long due = message.VisibleAtUtc!.Value.Ticks;
        queue.Enqueue(message, due);
        if (due < scheduledTicks)
        {
            Schedule();
        }
    }

    void Schedule()
    {
        while (!disposed)
        {
            if (!queue.TryPeek(out _, out long due))
            {
                scheduledTicks = long.MaxValue;
                timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                return;
            }

            long now = clock.GetUtcNow().UtcTicks;
            if (due <= now)
            {
                ReleaseDue(now);
                continue;
            }

            scheduledTicks = due;
            var delay = TimeSpan.FromTicks(due - now);
            timer.Change(delay > MaxTimerDelay ? MaxTimerDelay : delay, Timeout.InfiniteTimeSpan);
            // The timer counts its delay from the clock's time when it is armed. A test clock advanced between the read above
            // and the arming would push the wake-up past the message's time (forever, if the clock is not advanced again), so
            // look again when the clock moved meanwhile. The system clock moves by far less than the tolerance here.
            if (clock.GetUtcNow().UtcTicks - now <= ArmingToleranceTicks)
            {
                return;
            }
        }
    }

    void OnTimer()
    {
        lock (gate)
        {
            ReleaseDue(clock.GetUtcNow().UtcTicks);
            Schedule();
        }
    }

    void ReleaseDue(long now)
    {
        while (queue.TryPeek(out var message, out long due) && due <= now)
        {
            queue.Dequeue();
            release(message);
        }
    }

    public void Dispose()
    {
        disposed = true;
        timer.Dispose();
    }
}
