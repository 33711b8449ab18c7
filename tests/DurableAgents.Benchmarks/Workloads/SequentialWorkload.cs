using System.Diagnostics;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>K instances, each calling a no-op activity N times in sequence; wall from the first start until all completed.</summary>
internal sealed class SequentialWorkload : IWorkload
{
    public string Name => "sequential";

    public Task WarmUpAsync(IBenchmarkCluster cluster, CancellationToken cancellation) => RunAsync(cluster, 20, 4, cancellation);

    public async Task<RoundResult> RunRoundAsync(IBenchmarkCluster cluster, int n, int instances, CancellationToken cancellation) =>
        new((long)n * instances, await RunAsync(cluster, n, instances, cancellation));

    private static async Task<TimeSpan> RunAsync(IBenchmarkCluster cluster, int n, int instances, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var ids = await Instances.StartAsync(cluster, BenchmarkOrchestration.Sequential, n, instances, cancellation);
        await Instances.WaitForOutputAsync(cluster, ids, n, cancellation);
        return Stopwatch.GetElapsedTime(started);
    }
}
