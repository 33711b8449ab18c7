using System.Diagnostics;
using DurableAgents.DurableTask.Sqlite.Engine;
using DurableAgents.DurableTask.Sqlite.Logging;
using DurableAgents.DurableTask.Sqlite.Storage;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    async Task EnsureOpenAsync()
    {
        if (open)
        {
            return;
        }

        await openLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!open)
            {
                Open();
            }
        }
        finally
        {
            openLock.Release();
        }
    }

    void Open()
    {
        var started = Stopwatch.StartNew();
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var acquiredLock = DatabaseFileLock.Acquire(databasePath);
        try
        {
            var connection = SqliteDbManager.OpenWriter(databasePath, settings, logger);
            try
            {
                lock (gate)
                {
                    instances.Clear();
                    activities.Clear();
                    pendingEntries.Clear();
                    pendingEntryWrites.Clear();
                    readyInstances = NewChannel<InstanceRecord>();
                    readyActivities = NewChannel<ActivityEntry>();
                    timers = new TimerQueue(clock, gate, ReleaseTimer);
                    sessionsEnding = false;
                    var recovery = new Recovery(this, connection);
                    recovery.Run();
                    Log.ServiceOpened(logger, databasePath, instances.Count, recovery.Messages, activities.Count, started.ElapsedMilliseconds);
                    Log.RecoveredWork(logger, databasePath, recovery.ReadyInstances, timers.Count, activities.Count);
                }

                reader = new StoreReader(databasePath);
                writer = new GroupCommitWriter(connection, gate, logger);
                writerConnection = connection;
                fileLock = acquiredLock;
                open = true;
            }
            catch
            {
                timers?.Dispose();
                connection.Dispose();
                throw;
            }
        }
        catch
        {
            acquiredLock.Dispose();
            throw;
        }
    }

    async Task CloseAsync()
    {
        await openLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!open)
            {
                return;
            }

            open = false;
            GroupCommitWriter? closing;
            lock (gate)
            {
                EndSessions();
                readyInstances.Writer.TryComplete();
                readyActivities.Writer.TryComplete();
                timers?.Dispose();
                FlushDeferred();
                foreach (var record in instances.Values)
                {
                    record.SignalWaiters();
                }

                // Writes are queued under the gate, so none can reach the writer after this: each fails as stopped.
                closing = writer;
                writer = null;
            }

            if (closing is not null)
            {
                await closing.DisposeAsync().ConfigureAwait(false);
            }

            flushTimer?.Dispose();
            flushTimer = null;
            writerConnection?.Dispose();
            reader?.Dispose();
            fileLock?.Dispose();
            (writerConnection, reader, fileLock) = (null, null, null);
            Log.ServiceClosed(logger, databasePath);
        }
        finally
        {
            openLock.Release();
        }
    }

    /// <summary>Dispatchers fetch only from an open service (StartAsync opens it); a fetch that races a stop must not
    /// reopen the file, so it waits briefly and reports nothing.</summary>
    async Task<bool> WaitUntilOpenAsync(CancellationToken cancellationToken)
    {
        if (open && !cancellationToken.IsCancellationRequested)
        {
            return true;
        }

        try
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        return false;
    }

    /// <summary>Ends every idle session at once (the dispatcher or the service is stopping).</summary>
    void EndSessions()
    {
        sessionsEnding = true;
        foreach (var record in instances.Values)
        {
            record.SessionWaiter?.TrySetResult(false);
        }
    }

    /// <summary>Ends idle sessions when a dispatcher's fetch token is cancelled: DTFx cancels it only when it stops,
    /// and would otherwise wait for each idle session's timeout before it finishes stopping.</summary>
    void EndSessionsWhenCancelled(CancellationToken token)
    {
        if (!token.CanBeCanceled)
        {
            return;
        }

        lock (gate)
        {
            if (!shutdownTokens.Add(token))
            {
                return;
            }
        }

        token.Register(() =>
        {
            lock (gate)
            {
                shutdownTokens.Remove(token);
                EndSessions();
            }
        });
    }

    GroupCommitWriter Writer => writer ?? throw Stopped();

    StoreReader Reader => reader ?? throw Stopped();

    ObjectDisposedException Stopped() => new(nameof(SqliteOrchestrationService), $"The SQLite orchestration service on '{databasePath}' is stopped; start it again before using it.");
}
