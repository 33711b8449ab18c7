using System.Diagnostics;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One instance fanning out N no-op activities and awaiting them all.</summary>
internal sealed class FanoutWorkload : IWorkload
{
    public string Name => "fanout";

    public int MeasuredRounds => 3;

    public Task WarmUpRoundAsync(BenchmarkCluster cluster, CancellationToken cancellation) =>
        RunAsync(cluster, 100, cancellation);

    public async Task<BenchmarkResult> MeasureAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation)
    {
        TimeSpan wall = await RunAsync(cluster, n, cancellation);
        return new BenchmarkResult(Name, n, 1, n, wall);
    }

    private static async Task<TimeSpan> RunAsync(BenchmarkCluster cluster, int n, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        var id = await cluster.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Fanout, n, cancellation: cancellation);
        await Completion.WaitAllAsync(cluster.Client, [id], cancellation);
        return Stopwatch.GetElapsedTime(started);
    }
}
