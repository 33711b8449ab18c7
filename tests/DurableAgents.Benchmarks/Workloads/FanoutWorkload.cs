using System.Diagnostics;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One instance fanning out N no-op activities and awaiting them all; wall from the start until it completed.</summary>
internal sealed class FanoutWorkload : IWorkload
{
    public string Name => "fanout";

    public Task WarmUpAsync(IBenchmarkCluster cluster, CancellationToken cancellation) => RunAsync(cluster, 100, cancellation);

    public async Task<RoundResult> RunRoundAsync(IBenchmarkCluster cluster, int n, int instances, CancellationToken cancellation) =>
        new(n, await RunAsync(cluster, n, cancellation));

    private static async Task<TimeSpan> RunAsync(IBenchmarkCluster cluster, int n, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var id = await cluster.StartAsync(BenchmarkOrchestration.Fanout, n, cancellation);
        await cluster.WaitForOutputAsync(id, n, cancellation);
        return Stopwatch.GetElapsedTime(started);
    }
}
