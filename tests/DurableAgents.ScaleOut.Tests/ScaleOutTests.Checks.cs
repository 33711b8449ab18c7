using DurableAgents.ScaleOut.Tests.Infrastructure;
using DurableAgents.ScaleOutWorker.Scenario;
using Microsoft.DurableTask.Client;

namespace DurableAgents.ScaleOut.Tests;

/// <summary>Waiting on the cluster (deadlines, never sleeps), checking every run's results, and what to show when it fails.</summary>
public sealed partial class ScaleOutTests
{
    private static async Task WaitForStepsAsync(ScaleOutCluster cluster, int steps) =>
        await TestDeadline.WaitUntilAsync(() => cluster.CompletedSteps() >= steps, $"{steps} steps completed", seconds: 180);

    private static async Task<IReadOnlyDictionary<string, string?>> WaitForOwnersAsync(
        ScaleOutCluster cluster, IReadOnlyList<WorkerProcess> hosts, string what, Func<IReadOnlyDictionary<string, string?>, bool> condition)
    {
        IReadOnlyDictionary<string, string?> owners = new Dictionary<string, string?>();
        await TestDeadline.WaitUntilAsync(async () =>
        {
            var dead = hosts.FirstOrDefault(h => h.HasExited);
            Assert.True(dead is null, $"{dead?.WorkerId} exited:\n{dead?.Errors}");
            owners = await cluster.Partitions.OwnersAsync();
            return owners.Count > 0 && condition(owners);
        }, what, seconds: 120);
        return owners;
    }

    private async Task CheckEveryRunAsync(ScaleOutCluster cluster)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        for (var run = 0; run < Runs; run++)
        {
            var id = RunShape.InstanceId(run);
            OrchestrationMetadata metadata;
            try
            {
                metadata = await cluster.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{id} did not complete in time. {await DescribeStuckAsync(cluster, id)}");
            }

            Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} is {metadata.RuntimeStatus}: {metadata.FailureDetails}");
            Assert.Equal(RunShape.ExpectedResults(run), metadata.ReadOutputAs<RunOutput>()?.Results);
        }
    }

    // What a stalled run was waiting for: its status, its last history events, the steps that ran, its partition's owner.
    private static async Task<string> DescribeStuckAsync(ScaleOutCluster cluster, string id)
    {
        var state = await cluster.Client.GetInstanceAsync(id);
        var history = await cluster.Client.GetOrchestrationHistoryAsync(id);
        var steps = ProcessLogs.ReadExecutions(cluster.LogFolder).Where(e => e.InstanceId == id).Select(e => $"{e.Key[(id.Length + 1)..]}@{e.ProcessId}");
        var queue = cluster.Partitions.ControlQueueOf(id);
        var owners = await cluster.Partitions.OwnersAsync();
        return $"Status {state?.RuntimeStatus}; steps run: {string.Join(" ", steps)}; last events: "
            + string.Join(", ", history.TakeLast(8).Select(e => $"{e.EventType}#{e.EventId}@{e.Timestamp:HH:mm:ss.f}"))
            + $"; {queue} owned by {owners.GetValueOrDefault(queue) ?? "nobody"}";
    }

    // Each kind of fault per worker with its first and last time, and every lease change in order.
    private void ReportFaults(ScaleOutCluster cluster)
    {
        var events = ProcessLogs.ReadEvents(cluster.LogFolder);
        foreach (var lease in events.Where(e => e.Event == "PartitionManagerInfo" && !e.Message.Contains("renewed", StringComparison.Ordinal)).OrderBy(e => e.At))
        {
            output.WriteLine($"lease {lease.At:HH:mm:ss.f} pid {lease.ProcessId}: {lease.Message[..Math.Min(200, lease.Message.Length)]}");
        }

        foreach (var kind in events.Where(e => e.IsFault).GroupBy(f => (f.ProcessId, f.Level, f.Event)))
        {
            var last = kind.Last();
            output.WriteLine($"faults {kind.Key}: {kind.Count()}, {kind.First().At:HH:mm:ss.f}-{last.At:HH:mm:ss.f}, last: {last.Message[..Math.Min(500, last.Message.Length)]}");
        }

        foreach (var worker in cluster.Workers.Where(w => w.Errors.Length > 0))
        {
            output.WriteLine($"{worker.WorkerId} stderr:\n{worker.Errors}");
        }
    }
}
