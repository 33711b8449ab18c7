namespace DurableAgents.Benchmarks.Targets;

/// <summary>
/// The targets of issue 11 for this 2-core machine, measured with no other load: what each workload must reach at the size the
/// issue names. They apply to the product's path (the SDK worker and client, <c>--level sdk</c>); the memory backend and
/// <c>--level dtfx</c> are yardsticks and have none.
/// </summary>
internal static class WorkloadTargets
{
    private const string Issue = "issue 11";
    private const string DurableFunctions = "Durable Functions on Azure Storage publishes about 5 sequential activities/s per instance";

    /// <summary>The targets of one result line; empty when none applies to that backend, level and size.</summary>
    /// <param name="parallelCalls">The agent loop's tool calls per step; 0 for the other workloads.</param>
    public static IReadOnlyList<Target> For(string backend, string level, string workload, int n, int instances, int parallelCalls = 0)
    {
        if (level != "sdk")
        {
            return [];
        }

        return (backend, workload, n, instances, parallelCalls) switch
        {
            ("sqlite", "sequential", 100, 1, _) => [new("steps_per_s", Bound.AtLeast, 1_500, Issue)],
            ("sqlite", "sequential", 100, 20, _) => [new("steps_per_s", Bound.AtLeast, 3_500, Issue)],
            ("sqlite", "fanout", 1_000, _, _) => [new("wall_ms", Bound.Below, 1_000, Issue)],
            ("sqlite", "wait-resume", 100, _, _) => [new("wall_ms", Bound.Below, 50, Issue)],
            ("sqlite", "long-sequential", 1_000, _, _) => [new("last_over_first", Bound.AtMost, 1.5, Issue)],
            ("sqlite", "waiting", 10_000, _, _) =>
                [new("working_set_mb", Bound.Below, 500, Issue), new("wall_ms", Bound.Below, 60_000, Issue)],
            ("sqlite", "agent-loop", 200, _, 1) =>
                [new("ms_per_step", Bound.Below, 3, Issue), new("storage_ratio_step200", Bound.AtMost, 1.5, Issue)],
            // The issue's time per step is for one call per step; four parallel calls do four activities a step.
            ("sqlite", "agent-loop", 200, _, 4) => [new("storage_ratio_step200", Bound.AtMost, 1.5, Issue)],
            ("azure", "sequential", 100, 1, _) => [new("steps_per_s", Bound.AtLeast, 5, DurableFunctions)],
            ("azure", "sequential", 100, 20, _) => [new("steps_per_s", Bound.AtLeast, 5 * 20, DurableFunctions)],
            // "Must complete (no stall)": a stalled emulator held fan-outs for 15-150 s (DESIGN.md); a sound run takes 10-20 s.
            ("azure", "fanout", 1_000, _, _) => [new("wall_ms", Bound.Below, 60_000, Issue + ": completes without a stall")],
            _ => [],
        };
    }
}
