namespace DurableAgents.DurableTask.Sqlite.Engine;

/// <summary>Messages invisible until their time (durable timers, delayed starts), released by one clock timer.</summary>
/// <remarks>Every member runs under the service's lock; the clock callback takes that lock itself.</remarks>
internal sealed class TimerQueue : IDisposable
{
    static readonly TimeSpan MaxTimerDelay = TimeSpan.FromHours(12);

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
        if (disposed)
        {
            return;
        }

        if (!queue.TryPeek(out _, out long due))
        {
            scheduledTicks = long.MaxValue;
            timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        scheduledTicks = due;
        var delay = TimeSpan.FromTicks(Math.Max(0, due - clock.GetUtcNow().UtcTicks));
        timer.Change(delay > MaxTimerDelay ? MaxTimerDelay : delay, Timeout.InfiniteTimeSpan);
    }

    void OnTimer()
    {
        lock (gate)
        {
            long now = clock.GetUtcNow().UtcTicks;
            while (queue.TryPeek(out var message, out long due) && due <= now)
            {
                queue.Dequeue();
                release(message);
            }

            Schedule();
        }
    }

    public void Dispose()
    {
        disposed = true;
        timer.Dispose();
    }
}
