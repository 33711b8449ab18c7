using DurableAgents.DurableTask.Sqlite.Engine;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>How often a waiter re-checks on its own, as a safety net behind the in-process signal.</summary>
    static readonly TimeSpan WaitSafetyPoll = TimeSpan.FromSeconds(5);

    long waitsUnsignalled;

    /// <summary>How many times a waiter of <see cref="WaitForOrchestrationAsync"/> looked again after its safety poll rather
    /// than after a signal (an unknown or purged instance, or a timeout), for tests.</summary>
    internal long WaitsUnsignalled => Interlocked.Read(ref waitsUnsignalled);

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
            // Decided once, under the lock: whether the instance is final now, or which waiter its finish will signal. A waiter
            // signalled after the lock is released is simply awaited (it returns at once), never mistaken for a vanished state.
            TaskCompletionSource<bool>? waiter = null;
            InstanceRecord? record;
            bool final;
            lock (gate)
            {
                record = instances.GetValueOrDefault(instanceId);
                final = record is { IsTerminal: true, Reserved: false };
                if (!final && record is not null)
                {
                    waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    (record.Waiters ??= []).Add(waiter);
                }
            }

            if (final && Reader.ReadState(instanceId) is { } state && InstanceRecord.IsTerminalStatus(state.OrchestrationStatus))
            {
                return state;
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                Forget(record, waiter);
                break;
            }

            var poll = remaining < WaitSafetyPoll ? remaining : WaitSafetyPoll;
            if (waiter is null)
            {
                // Nobody will signal: the instance is unknown (it may be created later) or its final state was purged.
                Interlocked.Increment(ref waitsUnsignalled);
                await Task.Delay(poll, cancellationToken).ConfigureAwait(false);
                continue;
            }

            try
            {
                await waiter.Task.WaitAsync(poll, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref waitsUnsignalled);
                Forget(record, waiter);
            }
            catch (OperationCanceledException)
            {
                Forget(record, waiter);
                throw;
            }
        }

        return null!;
    }

    /// <summary>Takes a waiter that gave up off its instance's list, so abandoned waits do not pile up on a long-running instance.</summary>
    void Forget(InstanceRecord? record, TaskCompletionSource<bool>? waiter)
    {
        if (waiter is null)
        {
            return;
        }

        lock (gate)
        {
            record?.Waiters?.Remove(waiter);
        }
    }
}
