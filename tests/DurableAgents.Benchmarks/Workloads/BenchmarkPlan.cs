using DurableAgents.Benchmarks.Cli;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One workload run with its sizes; a null workload is the agent loop, which hosts its own worker.</summary>
internal sealed record PlannedRun(IWorkload? Workload, int N, int Instances);

/// <summary>Turns the command line into the list of runs.</summary>
internal static class BenchmarkPlan
{
    /// <summary>The runs of <paramref name="args"/>; throws <see cref="ArgumentException"/> for sizes a workload cannot take.</summary>
    /// <param name="args">The parsed command line.</param>
    /// <param name="skipped">Receives a note for each run of <c>all</c> that does not apply to the backend.</param>
    public static IReadOnlyList<PlannedRun> From(BenchmarkArguments args, Action<string> skipped)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Workload != "all")
        {
            var run = Create(args.Workload, args.N, args.Instances);
            run.Workload?.Validate(run.N, run.Instances, args.Workers);
            return [run];
        }

        var plan = new List<PlannedRun>
        {
            Create("sequential", 100, 1),
            Create("sequential", 100, 20),
            Create("fanout", 1000, 1),
            Create("wait-resume", 100, 1),
        };
        Add(plan, args.Workers == 1, "long-sequential", "it needs --workers 1", skipped);
        // 10,000 instances on the single-threaded emulator take many minutes; run it on its own with a smaller --n.
        Add(plan, args.Backend != "azure", "waiting", "it is too slow on Azurite; run --workload waiting --n 1000 on its own", skipped);
        Add(plan, args.Backend == "sqlite" && args.Level == "sdk", "agent-loop", "it runs on --backend sqlite at --level sdk", skipped);
        return plan;
    }

    private static void Add(List<PlannedRun> plan, bool applies, string workload, string reason, Action<string> skipped)
    {
        if (applies)
        {
            plan.Add(Create(workload, null, null));
        }
        else
        {
            skipped($"note: --workload all skips {workload}: {reason}.");
        }
    }

    private static PlannedRun Create(string workload, int? n, int? instances)
    {
        IWorkload? created = workload switch
        {
            "sequential" => new SequentialWorkload(),
            "fanout" => new FanoutWorkload(),
            "wait-resume" => new WaitResumeWorkload(),
            "long-sequential" => new LongSequentialWorkload(),
            "waiting" => new WaitingWorkload(),
            "agent-loop" => null,
            _ => throw new ArgumentException($"Unknown workload '{workload}'; use one of: {string.Join(", ", BenchmarkArguments.Workloads)}."),
        };
        return new PlannedRun(created, n ?? DefaultN(workload), instances ?? 1);
    }

    private static int DefaultN(string workload) => workload switch
    {
        "sequential" => 100,
        "fanout" => 1000,
        "wait-resume" => 100,
        "long-sequential" => 1000,
        "waiting" => 10_000,
        "agent-loop" => 200,
        _ => throw new ArgumentException($"Unknown workload '{workload}'."),
    };
}
