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
            if (taken is not null || sessionsEnding || !open || MustEndSession(item.Record))
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

    // A finished instance, or one whose next execution is already pending (a restart, a continue-as-new), ends its session at
    // once: waiting for a message there would only sleep out the idle timeout before the new execution is dispatched.
    static bool MustEndSession(InstanceRecord record) =>
        record.IsTerminal || record.Pending.Exists(m => m.Message.Event is ExecutionStartedEvent);

    static List<TaskMessage>? TakeSessionMessages(SqliteWorkItem item)
    {
        var record = item.Record;
        if (record.Pending.Count == 0 || MustEndSession(record))
        {
            // A new execution replays from the file rather than reusing this cursor.
            return null;
        }

        SessionHistoryTrimmer.TrimIfLong(item);
        item.InFlight = TakePending(record);
        return item.InFlight.ConvertAll(m => m.Message);
    }
}
