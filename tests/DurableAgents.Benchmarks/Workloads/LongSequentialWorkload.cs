using System.Diagnostics;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// One instance of N sequential steps, comparing the time per step over the first and the last 100: with extended sessions a
/// step resumes the live orchestrator, so it should not get slower as the history grows (a replaying provider grows O(N)).
/// </summary>
internal sealed class LongSequentialWorkload : IWorkload
{
    public const int MinimumSteps = 2 * Window;
    private const int Window = 100;

    public string Name => "long-sequential";

    public void Validate(int n, int instances, int workers)
    {
        if (n < MinimumSteps)
        {
            throw new ArgumentException($"long-sequential needs --n {MinimumSteps} or more to compare the first and last {Window} steps; got {n}.");
        }

        if (workers > 1)
        {
            throw new ArgumentException("long-sequential times each step inside the activity, so the steps must run in this process: use --workers 1.");
        }
    }

    public Task WarmUpAsync(IBenchmarkCluster cluster, CancellationToken cancellation) => RunAsync(cluster, MinimumSteps, cancellation);

    public async Task<RoundResult> RunRoundAsync(IBenchmarkCluster cluster, int n, int instances, CancellationToken cancellation)
    {
        var wall = await RunAsync(cluster, n, cancellation);
        var first = cluster.Clock.MsPerStep(0, Window);
        var last = cluster.Clock.MsPerStep(n - 1 - Window, n - 1);
        return new RoundResult(n, wall)
        {
            Measures = [new("first100_ms_per_step", first), new("last100_ms_per_step", last), new("last_over_first", last / first, "F2")],
        };
    }

    private static async Task<TimeSpan> RunAsync(IBenchmarkCluster cluster, int n, CancellationToken cancellation)
    {
        cluster.Clock.Reset(n);
        var started = Stopwatch.GetTimestamp();
        var id = await cluster.StartAsync(BenchmarkOrchestration.Sequential, n, cancellation);
        await cluster.WaitForOutputAsync(id, n, cancellation);
        return Stopwatch.GetElapsedTime(started);
    }
}
