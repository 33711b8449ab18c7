using DurableAgents.Orchestration;
using DurableAgents.Orchestration.Client;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>Waiting for instances and checking they completed rather than failed.</summary>
internal static class Completion
{
    public static async Task WaitAllAsync(DurableTaskClient client, IEnumerable<string> instanceIds, CancellationToken cancellation)
    {
        var all = await Task.WhenAll(instanceIds.Select(id => client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, cancellation)));
        foreach (var metadata in all)
        {
            if (metadata.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                var detail = await client.GetInstanceAsync(metadata.InstanceId, getInputsAndOutputs: true, cancellation);
                throw new InvalidOperationException(
                    $"Instance {metadata.InstanceId} ended {metadata.RuntimeStatus}, not Completed: {detail?.FailureDetails?.ErrorMessage}");
            }
        }
    }
}
