using DurableAgents.Orchestration.Client;
using DurableAgents.Orchestration.AzureStorage.Instances;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage;

/// <summary>The client side: create, signal, read, query, purge.</summary>
public sealed partial class AzureStorageOrchestrationService
{
    private const int CreateAttempts = 5;

    /// <summary>Writes the Pending state (only if absent, or over a finished run it replaces), then enqueues the start message.</summary>
    public async Task CreateInstanceAsync(TaskMessage executionStarted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(executionStarted);
        if (executionStarted.Event is not ExecutionStartedEvent started)
        {
            throw new ArgumentException($"CreateInstanceAsync needs an ExecutionStarted message, not {executionStarted.Event.GetType().Name}.", nameof(executionStarted));
        }

        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        var id = executionStarted.InstanceId;
        var state = OrchestrationState.Pending(id, started);

        for (var attempt = 1; ; attempt++)
        {
            var existing = await _store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (existing is { Record.State.RuntimeStatus: var status } && !status.IsTerminal())
            {
                throw new OrchestrationAlreadyExistsException(id, status);
            }

            try
            {
                // Starting an id whose last run finished replaces that run (as Durable Functions does), in a new history generation.
                var record = new InstanceRecord(state, existing is null ? 0 : existing.Record.Generation + 1, []);
                await _store.WriteAsync(record, existing, cancellationToken).ConfigureAwait(false);
                if (existing is { Record.Chunks.Count: > 0 })
                {
                    _ = DeleteHistoryQuietlyAsync(existing.Record);
                }

                break;
            }
            catch (StorageRequestException ex) when ((ex.IsConflict || ex.IsPreconditionFailed) && attempt < CreateAttempts)
            {
                // Someone else wrote the state meanwhile: look again.
            }
        }

        await _sender.SendToInstanceAsync(executionStarted, cancellationToken).ConfigureAwait(false);
        SignalStateChanged(id);
    }

    /// <inheritdoc />
    public async Task SendMessageAsync(TaskMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        await _sender.SendToInstanceAsync(message, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<OrchestrationState?> GetStateAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        var state = (await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false))?.Record.State;
        return state is null || includePayloads ? state : state with { Input = null, Output = null, CustomStatus = null };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        var stored = await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return stored is null ? [] : await _store.LoadHistoryAsync(stored.Record, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<InstanceQueryResult> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        return await _store.QueryAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await EnsureResourcesAsync(cancellationToken).ConfigureAwait(false);
        var stored = await _store.LoadAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return false;
        }

        var status = stored.Record.State.RuntimeStatus;
        if (!status.IsTerminal())
        {
            throw new InvalidOperationException(
                $"Instance '{instanceId}' is {status}; only completed, failed or terminated instances can be purged. Terminate it first.");
        }

        await _store.DeleteStateAsync(stored, cancellationToken).ConfigureAwait(false);
        await _store.DeleteHistoryAsync(instanceId, null, cancellationToken).ConfigureAwait(false);
        foreach (var pump in _pumps.Values)
        {
            pump.ForgetState(instanceId);
        }

        SignalStateChanged(instanceId);
        return true;
    }
}
