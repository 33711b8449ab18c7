using System.Diagnostics;
using DurableAgents.Benchmarks.Cli;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>Runs each planned workload on a fresh backend: warm up, measure, print one line.</summary>
internal static class BenchmarkRunner
{
    // Long enough for the JIT to move the hot engine paths to optimized (tier-1) code, as in a long-running worker.
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(1);
    private const int MinimumWarmUpRounds = 3;

    public static async Task RunAsync(BenchmarkArguments args, IReadOnlyList<PlannedRun> plan, TextWriter output, CancellationToken cancellation)
    {
        foreach (var run in plan)
        {
            if (run.Workload is AgentLoopWorkload)
            {
                await AgentLoopWorkload.RunAsync(() => BackendFactory.Create(args, run.Workload.Name), args.Backend, run.N, output);
                continue;
            }

            var backend = BackendFactory.Create(args, run.Workload.Name);
            await using var cluster = await BenchmarkCluster.StartAsync(backend, args.Workers, cancellation);
            await WarmUpAsync(run.Workload, cluster, cancellation);
            var rounds = new List<BenchmarkResult>();
            for (var i = 0; i < run.Workload.MeasuredRounds; i++)
            {
                rounds.Add(await MeasureWithCpuAsync(run, cluster, cancellation));
            }

            output.WriteLine(Median(rounds).Format(args.Backend));
            output.Flush();
        }
    }

    /// <summary>Adds the process CPU time per step: on a shared machine it is steadier than wall time.</summary>
    private static async Task<BenchmarkResult> MeasureWithCpuAsync(PlannedRun run, BenchmarkCluster cluster, CancellationToken cancellation)
    {
        // Environment.CpuUsage reads getrusage (microseconds); Process.TotalProcessorTime has 10 ms ticks on Linux.
        // Worker processes are included: the figure is the CPU the whole cluster spent per step (the storage emulator excluded).
        var cpuBefore = Environment.CpuUsage.TotalTime + cluster.ProcessesCpuTime;
        var result = await run.Workload.MeasureAsync(cluster, run.N, run.Instances, cancellation);
        var cpuPerStep = (Environment.CpuUsage.TotalTime + cluster.ProcessesCpuTime - cpuBefore).TotalMicroseconds / Math.Max(result.Steps, 1);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        List<KeyValuePair<string, string>> extras = [.. result.Extras, new("cpu_us_per_step", cpuPerStep.ToString("F1", inv))];
        if (cluster.Processes.Count > 0)
        {
            extras.Add(new("worker_processes", (cluster.Processes.Count + 1).ToString(inv)));
        }

        return result with { Extras = extras };
    }

    private static async Task WarmUpAsync(IWorkload workload, BenchmarkCluster cluster, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        for (var round = 0; round < MinimumWarmUpRounds || Stopwatch.GetElapsedTime(started) < MinimumWarmUp; round++)
        {
            await workload.WarmUpRoundAsync(cluster, cancellation);
        }
    }

    private static BenchmarkResult Median(List<BenchmarkResult> rounds)
    {
        if (rounds.Count == 1)
        {
            return rounds[0];
        }

        var sorted = rounds.OrderBy(r => r.Wall).ToList();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return sorted[sorted.Count / 2] with
        {
            Extras =
            [
                .. sorted[sorted.Count / 2].Extras,
                new("rounds", rounds.Count.ToString(inv)),
                new("min_wall_ms", sorted[0].Wall.TotalMilliseconds.ToString("F1", inv)),
                new("max_wall_ms", sorted[^1].Wall.TotalMilliseconds.ToString("F1", inv)),
            ],
        };
    }
}
