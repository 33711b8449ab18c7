using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Storage;

namespace DurableAgents.DurableTask.Sqlite;

// Activity results ride on the next commit. Every method here runs under `gate`.
public sealed partial class SqliteOrchestrationService
{
    /// <summary>How long a held-back activity result may wait for a commit to ride on before it is committed alone.</summary>
    static readonly TimeSpan DeferredFlushDelay = TimeSpan.FromMilliseconds(20);

    readonly List<DeferredWrite> deferredWrites = [];
    Timer? flushTimer;
    bool flushArmed;

    /// <summary>Queues <paramref name="set"/> for the writer behind every held-back result, so results are stored no
    /// later than the next commit and in the order they arrived.</summary>
    Task Enqueue(WriteSet set)
    {
        FlushDeferred();
        return Writer.Enqueue(set);
    }

    void Defer(DeferredWrite deferred)
    {
        deferredWrites.Add(deferred);
        if (!flushArmed)
        {
            flushArmed = true;
            flushTimer ??= new Timer(_ => { lock (gate) { flushArmed = false; FlushDeferred(); } });
            flushTimer.Change(DeferredFlushDelay, Timeout.InfiniteTimeSpan);
        }
    }

    void FlushDeferred()
    {
        if (deferredWrites.Count == 0 || writer is null)
        {
            return;
        }

        foreach (var deferred in deferredWrites)
        {
            if (!deferred.Taken)
            {
                deferred.Taken = true;
                _ = writer.Enqueue(deferred.Set);
            }
        }

        deferredWrites.Clear();
    }
}
