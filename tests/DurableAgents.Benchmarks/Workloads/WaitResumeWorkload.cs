using System.Diagnostics;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>N instances each waiting for an event; once all wait, every event is raised; wall from the first raise until all completed.</summary>
internal sealed class WaitResumeWorkload : IWorkload
{
    public string Name => "wait-resume";

    public Task WarmUpAsync(IBenchmarkCluster cluster, CancellationToken cancellation) => RunAsync(cluster, 20, cancellation);

    public async Task<RoundResult> RunRoundAsync(IBenchmarkCluster cluster, int n, int instances, CancellationToken cancellation) =>
        new(n, await RunAsync(cluster, n, cancellation));

    private static async Task<TimeSpan> RunAsync(IBenchmarkCluster cluster, int n, CancellationToken cancellation)
    {
        var ids = await Waiters.StartAsync(cluster, n, cancellation);
        var started = Stopwatch.GetTimestamp();
        // All at once, as when every approval of a batch arrives together.
        await Waiters.ReleaseAsync(cluster, ids, ids.Length, cancellation);
        return Stopwatch.GetElapsedTime(started);
    }
}

/// <summary>Instances waiting for the <c>go</c> event, as an agent run waits for an approval.</summary>
internal static class Waiters
{
    private const int Go = 1;

    /// <summary>Starts <paramref name="count"/> waiting instances and returns once each is running (its first episode committed).</summary>
    public static async Task<string[]> StartAsync(IBenchmarkCluster cluster, int count, CancellationToken cancellation)
    {
        var ids = await Instances.StartAsync(cluster, BenchmarkOrchestration.WaitForGo, 0, count, cancellation);
        await Instances.ForEachAsync(ids, id => cluster.WaitUntilRunningAsync(id, cancellation), cancellation);
        return ids;
    }

    /// <summary>Raises the event on every instance, <paramref name="parallelism"/> at a time, and waits until all completed with its value.</summary>
    public static async Task ReleaseAsync(IBenchmarkCluster cluster, string[] ids, int parallelism, CancellationToken cancellation)
    {
        await Instances.ForEachAsync(ids, id => cluster.RaiseGoAsync(id, Go, cancellation), cancellation, parallelism);
        await Instances.WaitForOutputAsync(cluster, ids, Go, cancellation);
    }
}
