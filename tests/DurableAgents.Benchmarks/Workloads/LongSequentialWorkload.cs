using System.Diagnostics;
using System.Globalization;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// One instance of N sequential steps, comparing the time per step early and late in the history:
/// with the instance cache working, a step should not get slower as the history grows.
/// </summary>
internal sealed class LongSequentialWorkload : IWorkload
{
    public const int MinimumSteps = 200;
    private const int Window = 100;

    public string Name => "long-sequential";

    // One long round: its per-step stamps are the result, and it is long enough not to need a median.
    public int MeasuredRounds => 1;

    public Task WarmUpRoundAsync(BenchmarkCluster cluster, CancellationToken cancellation) =>
        RunAsync(cluster, MinimumSteps, cancellation);

    public async Task<BenchmarkResult> MeasureAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation)
    {
        if (n < MinimumSteps)
        {
            throw new ArgumentException($"long-sequential needs --n {MinimumSteps} or more to compare the first and last {Window} steps; got {n}.");
        }

        if (cluster.Processes.Count > 0)
        {
            throw new ArgumentException("long-sequential times each step inside the activity, so all workers must be in this process: run it with --workers 1.");
        }

        TimeSpan wall = await RunAsync(cluster, n, cancellation);
        var first = cluster.Clock.MsPerStep(0, Window);
        var last = cluster.Clock.MsPerStep(n - 1 - Window, n - 1);
        var inv = CultureInfo.InvariantCulture;
        return new BenchmarkResult(Name, n, 1, n, wall)
        {
            Extras =
            [
                new("first100_ms_per_step", first.ToString("F3", inv)),
                new("last100_ms_per_step", last.ToString("F3", inv)),
                new("last_over_first", (last / first).ToString("F2", inv)),
            ],
        };
    }

    private static async Task<TimeSpan> RunAsync(BenchmarkCluster cluster, int n, CancellationToken cancellation)
    {
        cluster.Clock.Reset(n);
        var started = Stopwatch.GetTimestamp();
        var id = await cluster.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Stamped, n, cancellation: cancellation);
        await Completion.WaitAllAsync(cluster.Client, [id], cancellation);
        return Stopwatch.GetElapsedTime(started);
    }
}
