using System.Diagnostics;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>N instances each waiting for an external event; all events raised once all wait; timed from the first raise.</summary>
internal sealed class WaitResumeWorkload : IWorkload
{
    public string Name => "wait-resume";

    public int MeasuredRounds => 3;

    public Task WarmUpRoundAsync(BenchmarkCluster cluster, CancellationToken cancellation) =>
        RunAsync(cluster, 20, cancellation);

    public async Task<BenchmarkResult> MeasureAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation)
    {
        TimeSpan wall = await RunAsync(cluster, n, cancellation);
        return new BenchmarkResult(Name, n, n, n, wall);
    }

    private static async Task<TimeSpan> RunAsync(BenchmarkCluster cluster, int n, CancellationToken cancellation)
    {
        var client = cluster.Client;
        var ids = await Task.WhenAll(Enumerable.Range(0, n).Select(
            _ => client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.WaitForGo, 0, cancellation: cancellation)));

        // Running means the first episode committed, and that episode ends waiting for the event.
        await Task.WhenAll(ids.Select(id => client.WaitForInstanceStartAsync(id, cancellation: cancellation)));

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(ids.Select(id => client.RaiseEventAsync(id, BenchmarkTasks.GoEvent, 1, cancellation)));
        await Completion.WaitAllAsync(client, ids, cancellation);
        return Stopwatch.GetElapsedTime(started);
    }
}
