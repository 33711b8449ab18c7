using DurableAgents.DurableTask.Sqlite.Engine;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite;

public sealed partial class SqliteOrchestrationService
{
    /// <summary>How often a waiter re-checks on its own, as a safety net behind the in-process signal.</summary>
    static readonly TimeSpan WaitSafetyPoll = TimeSpan.FromSeconds(5);

    /// <summary>Waits, without polling, until the instance reaches a final status; returns its state, or null when
    /// <paramref name="timeout"/> passes first.</summary>
    public async Task<OrchestrationState> WaitForOrchestrationAsync(string instanceId, string executionId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        MessageValidation.ValidateInstanceId(instanceId);
        await EnsureOpenAsync().ConfigureAwait(false);
        var deadline = DateTime.UtcNow + (timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        while (true)
        {
            TaskCompletionSource<bool>? waiter = null;
            lock (gate)
            {
                if (instances.TryGetValue(instanceId, out var record) && record.IsTerminal && !record.Reserved)
                {
                    waiter = null;
                }
                else
                {
                    waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                    if (record is not null)
                    {
                        (record.Waiters ??= []).Add(waiter);
                    }
                }
            }

            if (waiter is null)
            {
                var state = Reader.ReadState(instanceId);
                if (state is not null && (string.IsNullOrEmpty(executionId) || state.OrchestrationInstance.ExecutionId == executionId || InstanceRecord.IsTerminalStatus(state.OrchestrationStatus)))
                {
                    return state;
                }
            }

            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero || !open)
            {
                return null!;
            }

            try
            {
                await (waiter?.Task ?? Task.CompletedTask).WaitAsync(remaining < WaitSafetyPoll ? remaining : WaitSafetyPoll, cancellationToken).ConfigureAwait(false);
                if (waiter is null)
                {
                    await Task.Delay(remaining < WaitSafetyPoll ? remaining : WaitSafetyPoll, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (TimeoutException)
            {
            }
        }
    }
}
