using DurableAgents.DurableTask.Sqlite.Engine;
using DurableTask.Core;
using DurableTask.Core.History;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>Messages for a session's next episode: at once if any are pending, else the first to arrive within
    /// the idle timeout; null ends the session.</summary>
    internal async Task<IList<TaskMessage>?> FetchSessionMessagesAsync(SqliteWorkItem item)
    {
        TaskCompletionSource<bool> waiter;
        lock (gate)
        {
            var taken = TakeSessionMessages(item);
            if (taken is not null || sessionsEnding || !open)
            {
                return taken;
            }

            waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            item.Record.SessionWaiter = waiter;
        }

        // The idle timeout completes the same waiter, so a message wakes the session in one thread-pool hop.
        using (var idle = new CancellationTokenSource(settings.ExtendedSessionIdleTimeout))
        using (idle.Token.UnsafeRegister(static w => ((TaskCompletionSource<bool>)w!).TrySetResult(false), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }

        lock (gate)
        {
            if (ReferenceEquals(item.Record.SessionWaiter, waiter))
            {
                item.Record.SessionWaiter = null;
            }

            return sessionsEnding ? null : TakeSessionMessages(item);
        }
    }

    static List<TaskMessage>? TakeSessionMessages(SqliteWorkItem item)
    {
        var record = item.Record;
        if (record.Pending.Count == 0 || record.IsTerminal)
        {
            return null;
        }

        if (record.Pending.Exists(m => m.Message.Event is ExecutionStartedEvent))
        {
            // A new execution (the instance was restarted) replays from the file rather than reusing this cursor.
            return null;
        }

        SessionHistoryTrimmer.TrimIfLong(item);
        item.InFlight = TakePending(record);
        return item.InFlight.ConvertAll(m => m.Message);
    }
}
