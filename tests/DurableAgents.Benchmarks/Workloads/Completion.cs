using DurableAgents.Orchestration;
using DurableAgents.Orchestration.Client;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>Waiting for instances and checking they completed rather than failed.</summary>
internal static class Completion
{
    public static async Task WaitAllAsync(DurableTaskClient client, IEnumerable<string> instanceIds, CancellationToken cancellation)
    {
        // One instance at a time: they finish at about the same time, so by the time the first is done the rest need one read
        // each. Waiting on all at once would poll every unfinished instance twice a second (their state changes in other
        // processes), adding storage reads the workload does not make.
        foreach (var id in instanceIds)
        {
            var metadata = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, cancellation);
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                var detail = await client.GetInstanceAsync(metadata.InstanceId, getInputsAndOutputs: true, cancellation);
                throw new InvalidOperationException(
                    $"Instance {metadata.InstanceId} ended {metadata.RuntimeStatus}, not Completed: {detail?.FailureDetails?.ErrorMessage}");
            }
        }
    }
}
