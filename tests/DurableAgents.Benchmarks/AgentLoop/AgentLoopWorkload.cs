using DurableAgents.Benchmarks.Cli;
using DurableAgents.Benchmarks.Targets;
using DurableAgents.Benchmarks.Workloads;

namespace DurableAgents.Benchmarks.AgentLoop;

/// <summary>
/// The <c>agent-loop</c> workload: the real AgentRun orchestration with a scripted model asking for 1 (then 4 parallel) tool calls
/// per step for N steps, on SQLite with the SQLite conversation store. Reports the time per step and the bytes the run keeps
/// against the content the model has seen.
/// </summary>
internal static class AgentLoopWorkload
{
    public const int MinimumSteps = 2;

    /// <summary>Runs the loop with 1 and with 4 calls per step, each round on a fresh file; one line for each.</summary>
    public static async Task<IReadOnlyList<string>> RunAsync(BenchmarkArguments args, int steps, CancellationToken cancellation)
    {
        if (steps < MinimumSteps)
        {
            throw new ArgumentException($"agent-loop needs --n {MinimumSteps} or more (it measures the bytes at the last two steps); got {steps}.");
        }

        // Short runs first, so the hot paths are compiled before the measured ones.
        for (var i = 0; i < (args.Quick ? 1 : 3); i++)
        {
            await AgentLoopRun.RunAsync(Math.Min(steps, 10), 2, cancellation);
        }

        var lines = new List<string>();
        foreach (var parallel in new[] { 1, 4 })
        {
            var load = BenchmarkLine.LoadAverage();
            var rounds = new List<AgentLoopResult>();
            for (var round = 0; round < args.Rounds; round++)
            {
                rounds.Add(await AgentLoopRun.RunAsync(steps, parallel, cancellation));
            }

            lines.Add(Line(steps, parallel, rounds, load).ToString());
        }

        return lines;
    }

    private static BenchmarkLine Line(int steps, int parallel, List<AgentLoopResult> rounds, string load)
    {
        rounds.Sort((a, b) => a.MsPerStep.CompareTo(b.MsPerStep));
        var median = rounds[rounds.Count / 2];
        var (atLast, content) = median.AtLast;
        var modelCalls = steps + 1;
        string Ratio(long stored, long of) => BenchmarkLine.Format(of == 0 ? 0 : stored / (double)of, "F2");
        string Count(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new BenchmarkLine("sqlite", "agent-loop", steps, 1, modelCalls, TimeSpan.FromMilliseconds(median.MsPerStep * modelCalls))
        {
            Extras =
            [
                new("level", "sdk"),
                new("parallel_calls", Count(parallel)),
                new("ms_per_step", BenchmarkLine.Format(median.MsPerStep, "F3")),
                new("rounds", Count(rounds.Count)),
                new("min_ms_per_step", BenchmarkLine.Format(rounds[0].MsPerStep, "F3")),
                new("max_ms_per_step", BenchmarkLine.Format(rounds[^1].MsPerStep, "F3")),
                new($"content_bytes_step{steps}", Count(content)),
                new($"stored_bytes_step{steps}", Count(atLast.Total)),
                new($"storage_ratio_step{steps}", Ratio(atLast.Total, content)),
                new($"entry_bytes_step{steps}", Count(atLast.Entries)),
                new($"history_bytes_step{steps}", Count(atLast.History)),
                new($"instance_bytes_step{steps}", Count(atLast.Instance)),
                new($"storage_ratio_step{steps - 1}", Ratio(median.BeforeLast.Stored.Total, median.BeforeLast.Content)),
                new("stored_bytes_end", Count(median.AtEnd.Total)),
                new("storage_ratio_end", Ratio(median.AtEnd.Total, content)),
                new("load1", load),
            ],
            Targets = WorkloadTargets.For("sqlite", "sdk", "agent-loop", steps, 1, parallel),
        };
    }
}
