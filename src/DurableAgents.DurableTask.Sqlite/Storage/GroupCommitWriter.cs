using System.Diagnostics;
using System.Collections.Concurrent;
using DurableAgents.DurableTask.Sqlite.Logging;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>The one writer of a task hub file: takes every waiting <see cref="WriteSet"/> and commits them in one
/// transaction (group commit), with an fsync only when one of them needs it, then completes them in order.</summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    const int MaxSetsPerCommit = 1024;

    readonly SqliteConnection connection;
    readonly WriteStatements statements;
    readonly object gate;
    readonly ILogger logger;
    readonly ConcurrentQueue<WriteSet> queue = new();
    // No spinning while idle: on a small machine a spinning writer takes the CPU the episodes need (measured: 17%).
    readonly ManualResetEventSlim signal = new(false, spinCount: 0);
    readonly Thread thread;
    volatile bool completed;
    bool fullSync;

    public GroupCommitWriter(SqliteConnection connection, object gate, ILogger logger)
    {
        this.connection = connection;
        this.gate = gate;
        this.logger = logger;
        statements = new WriteStatements(connection);
        // A thread of its own, woken directly by the enqueuer: no thread-pool hop between a write and its commit.
        thread = new Thread(Run) { IsBackground = true, Name = "SQLite task hub writer" };
        thread.Start();
    }

    /// <summary>Commits so far, for tests and measurements.</summary>
    public long CommitCount { get; private set; }

    /// <summary>Queues <paramref name="set"/>; call it under the service's lock so sets commit in the order they were made.</summary>
    public Task Enqueue(WriteSet set)
    {
        if (completed)
        {
            set.Fail(new ObjectDisposedException(nameof(SqliteOrchestrationService), "The SQLite orchestration service is stopped; start it again before using it."));
            return set.Completion;
        }

        queue.Enqueue(set);
        signal.Set();
        return set.Completion;
    }

    void Run()
    {
        var batch = new List<WriteSet>(MaxSetsPerCommit);
        while (true)
        {
            // Checked before waiting: the stop's wake-up may have been cleared by the Reset of a batch still in progress.
            if (completed && queue.IsEmpty)
            {
                return;
            }

            signal.Wait();
            signal.Reset();
            batch.Clear();
            while (batch.Count < MaxSetsPerCommit && queue.TryDequeue(out var set))
            {
                batch.Add(set);
            }

            if (batch.Count == 0)
            {
                if (completed && queue.IsEmpty)
                {
                    return;
                }

                continue;
            }

            if (!queue.IsEmpty)
            {
                // More than one commit's worth is waiting: come straight back for it.
                signal.Set();
            }

            try
            {
                Commit(batch, SkippedMessages(batch));
                Finish(batch);
            }
            catch (Exception e) when (batch.Count > 1)
            {
                Log.CommitFailed(logger, e, batch.Count);
                foreach (var set in batch)
                {
                    CommitAlone(set);
                }
            }
            catch (Exception e)
            {
                FailSet(batch[0], e);
            }
        }
    }

    void CommitAlone(WriteSet set)
    {
        try
        {
            Commit([set], null);
            Finish([set]);
        }
        catch (Exception e)
        {
            FailSet(set, e);
        }
    }

    void FailSet(WriteSet set, Exception e)
    {
        Log.WriteFailed(logger, e);
        lock (gate)
        {
            set.Failed?.Invoke(e);
        }

        set.Fail(e);
    }

    void Commit(List<WriteSet> batch, HashSet<long>? skipped)
    {
        long started = Stopwatch.GetTimestamp();
        bool needFull = batch.Exists(s => s.FullSync);
        if (needFull != fullSync)
        {
            SqliteDbManager.Execute(connection, needFull ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
            fullSync = needFull;
        }

        using var transaction = connection.BeginTransaction();
        statements.Begin(transaction);
        foreach (var set in batch)
        {
            statements.Apply(set, skipped);
        }

        transaction.Commit();
        CommitCount++;
        Log.GroupCommitted(logger, batch.Count, needFull, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds);
    }

    void Finish(List<WriteSet> batch)
    {
        lock (gate)
        {
            foreach (var set in batch)
            {
                try
                {
                    set.Committed?.Invoke();
                }
                catch (Exception e)
                {
                    // The rows are committed; a failing in-memory step must not make the writer commit them again.
                    Log.WriteFailed(logger, e);
                }
            }
        }

        foreach (var set in batch)
        {
            set.Succeed();
        }
    }

    /// <summary>Message ids both inserted and deleted within this batch (a result consumed by an episode of the same commit).</summary>
    static HashSet<long>? SkippedMessages(List<WriteSet> batch)
    {
        if (batch.Count < 2)
        {
            return null;
        }

        HashSet<long>? inserted = null;
        HashSet<long>? skipped = null;
        foreach (var set in batch)
        {
            foreach (var id in set.DeletedMessages)
            {
                if (inserted is not null && inserted.Contains(id))
                {
                    (skipped ??= []).Add(id);
                }
            }

            foreach (var row in set.Messages)
            {
                (inserted ??= []).Add(row.Id);
            }
        }

        return skipped;
    }

    public async ValueTask DisposeAsync()
    {
        completed = true;
        signal.Set();
        await Task.Run(thread.Join).ConfigureAwait(false);
        while (queue.TryDequeue(out var late))
        {
            // Enqueued while the writer was stopping: report it rather than leave its caller waiting.
            late.Fail(new ObjectDisposedException(nameof(SqliteOrchestrationService), "The SQLite orchestration service stopped before this write was committed."));
        }

        statements.Dispose();
        signal.Dispose();
    }
}
