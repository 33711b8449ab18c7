using DurableAgents.DurableTask.Sqlite.Engine;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>How often a waiter re-checks on its own, as a safety net behind the in-process signal.</summary>
    static readonly TimeSpan WaitSafetyPoll = TimeSpan.FromSeconds(5);

    /// <summary>Waits, without polling, until the instance reaches a final status; returns its state, or null when
    /// <paramref name="timeout"/> passes first. <paramref name="executionId"/> is not needed: a final status is final
    /// for the instance (a continued-as-new execution is not final).</summary>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        MessageValidation.ValidateInstanceId(instanceId);
        await EnsureOpenAsync().ConfigureAwait(false);
        var deadline = DateTime.UtcNow + (timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        while (open)
        {
            var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            InstanceRecord? record;
            lock (gate)
            {
                record = instances.GetValueOrDefault(instanceId);
                if (record is { IsTerminal: true, Reserved: false })
                {
                    waiter.TrySetResult(true);
                }
                else if (record is not null)
                {
                    (record.Waiters ??= []).Add(waiter);
                }

                // An unknown instance has nobody to signal it: the safety poll below finds it once it exists.

            }

            if (waiter.Task.IsCompleted && Reader.ReadState(instanceId) is { } state && InstanceRecord.IsTerminalStatus(state.OrchestrationStatus))
            {
                return state;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var poll = remaining < WaitSafetyPoll ? remaining : WaitSafetyPoll;
            try
            {
                // A completed waiter here means the final state was gone again (purged): wait before looking again.
                await (waiter.Task.IsCompleted ? Task.Delay(poll, cancellationToken) : waiter.Task.WaitAsync(poll, cancellationToken)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                lock (gate)
                {
                    record?.Waiters?.Remove(waiter);
                }
            }
        }

        return null!;
    }
}
