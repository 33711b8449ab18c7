using System.Diagnostics;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>K instances, each calling a no-op activity N times in sequence.</summary>
internal sealed class SequentialWorkload : IWorkload
{
    public string Name => "sequential";

    public int MeasuredRounds => 3;

    public Task WarmUpRoundAsync(BenchmarkCluster cluster, CancellationToken cancellation) =>
        RunAsync(cluster, 20, 4, cancellation);

    public async Task<BenchmarkResult> MeasureAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation)
    {
        TimeSpan wall = await RunAsync(cluster, n, instances, cancellation);
        return new BenchmarkResult(Name, n, instances, (long)n * instances, wall);
    }

    private static async Task<TimeSpan> RunAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var ids = await Task.WhenAll(Enumerable.Range(0, instances).Select(
            _ => cluster.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Sequential, n, cancellation: cancellation)));
        await Completion.WaitAllAsync(cluster.Client, ids, cancellation);
        return Stopwatch.GetElapsedTime(started);
    }
}
