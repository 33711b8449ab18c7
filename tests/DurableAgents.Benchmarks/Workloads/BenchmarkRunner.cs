using System.Diagnostics;
using DurableAgents.Benchmarks.AgentLoop;
using DurableAgents.Benchmarks.Cli;
using DurableAgents.Benchmarks.Dtfx;
using DurableAgents.Benchmarks.Hosting;
using DurableAgents.Benchmarks.Targets;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>Runs each planned workload on a fresh backend: warm up, measure the rounds, print one line with the median round.</summary>
internal static class BenchmarkRunner
{
    // Long enough for the hot paths to be compiled and the pools to fill, as in a long-running worker.
    private static readonly TimeSpan MinimumWarmUp = TimeSpan.FromSeconds(1);
    private const int MinimumWarmUpRounds = 3;

    public static async Task RunAsync(BenchmarkArguments args, IReadOnlyList<PlannedRun> plan, TextWriter output, CancellationToken cancellation)
    {
        foreach (var run in plan)
        {
            var line = run.Workload is null
                ? await AgentLoopWorkload.RunAsync(args, run.N, cancellation)
                : await RunOnClusterAsync(args, run.Workload, run.N, run.Instances, cancellation);
            foreach (var text in line)
            {
                output.WriteLine(text);
            }

            output.Flush();
        }
    }

    private static async Task<IReadOnlyList<string>> RunOnClusterAsync(
        BenchmarkArguments args, IWorkload workload, int n, int instances, CancellationToken cancellation)
    {
        var backend = BenchmarkBackend.Create(args, workload.Name);
        await using IBenchmarkCluster cluster = args.Level == "dtfx"
            ? await DtfxCluster.StartAsync(backend)
            : await SdkCluster.StartAsync(backend, args.Workers, cancellation);
        await WarmUpAsync(workload, cluster, args.Quick, cancellation);

        var load = BenchmarkLine.LoadAverage();
        var cpuBefore = cluster.CpuTime;
        var commitsBefore = cluster.Commits;
        var rounds = new List<RoundResult>();
        for (var i = 0; i < (workload.SingleRound ? 1 : args.Rounds); i++)
        {
            rounds.Add(await workload.RunRoundAsync(cluster, n, instances, cancellation));
        }

        var steps = rounds.Sum(r => r.Steps);
        var extras = new List<KeyValuePair<string, string>>
        {
            new("level", args.Level),
            new("rounds", rounds.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("min_wall_ms", BenchmarkLine.Format(rounds.Min(r => r.Wall.TotalMilliseconds))),
            new("max_wall_ms", BenchmarkLine.Format(rounds.Max(r => r.Wall.TotalMilliseconds))),
        };
        extras.AddRange(MedianMeasures(rounds));
        extras.Add(new("cpu_us_per_step", BenchmarkLine.Format((cluster.CpuTime - cpuBefore).TotalMicroseconds / steps)));
        if (cluster.Commits is { } commits)
        {
            extras.Add(new("commits_per_step", BenchmarkLine.Format((commits - commitsBefore!.Value) / (double)steps, "F2")));
        }

        if (cluster.OtherProcesses > 0)
        {
            extras.Add(new("worker_processes", (cluster.OtherProcesses + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        extras.Add(new("load1", load));
        var median = rounds.OrderBy(r => r.Wall).ElementAt(rounds.Count / 2);
        var reportedInstances = workload is WaitResumeWorkload or WaitingWorkload ? n : instances;
        return
        [
            new BenchmarkLine(backend.Name, workload.Name, n, reportedInstances, median.Steps, median.Wall)
            {
                Extras = extras,
                Targets = WorkloadTargets.For(backend.Name, args.Level, workload.Name, n, instances),
            }.ToString(),
        ];
    }

    private static async Task WarmUpAsync(IWorkload workload, IBenchmarkCluster cluster, bool quick, CancellationToken cancellation)
    {
        var started = Stopwatch.GetTimestamp();
        for (var round = 0; round < (quick ? 1 : MinimumWarmUpRounds) || (!quick && Stopwatch.GetElapsedTime(started) < MinimumWarmUp); round++)
        {
            await workload.WarmUpAsync(cluster, cancellation);
        }
    }

    /// <summary>The median of each named measure over the rounds, in the first round's order.</summary>
    private static IEnumerable<KeyValuePair<string, string>> MedianMeasures(List<RoundResult> rounds) =>
        rounds[0].Measures.Select(m =>
        {
            var values = rounds.Select(r => r.Measures.First(x => x.Name == m.Name).Value).Order().ToList();
            return new KeyValuePair<string, string>(m.Name, BenchmarkLine.Format(values[values.Count / 2], m.Format));
        });
}
