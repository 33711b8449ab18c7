using DurableAgents.Orchestration.Backend;

namespace DurableAgents.Orchestration.Client;

/// <summary>Waiting for an instance to reach a state.</summary>
public sealed partial class DurableTaskClient
{
    /// <summary>Waits until the instance has started (is no longer pending).</summary>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, s => s != OrchestrationRuntimeStatus.Pending, getInputsAndOutputs, cancellation);

    /// <summary>Waits until the instance is completed, failed or terminated.</summary>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) =>
        WaitForAsync(instanceId, s => s.IsTerminal(), getInputsAndOutputs, cancellation);

    /// <summary>Waits until the instance's status satisfies <paramref name="condition"/>.</summary>
    public async Task<OrchestrationMetadata> WaitForAsync(
        string instanceId, Func<OrchestrationRuntimeStatus, bool> condition, bool getInputsAndOutputs, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var notifier = _service as IOrchestrationStateNotifier;
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            // Subscribe before reading so a change between the read and the wait is not missed.
            var changed = notifier?.WaitForStateChangeAsync(instanceId, TimeSpan.FromSeconds(1), cancellation);
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellation)
                ?? throw new InstanceNotFoundException(instanceId);
            if (condition(metadata.RuntimeStatus))
            {
                return metadata;
            }

            if (changed is not null)
            {
                await changed;
                continue;
            }

            await Task.Delay(delay, cancellation);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 1000));
        }
    }
}
