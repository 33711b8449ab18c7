using DurableAgents.Benchmarks.Cli;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One workload run: which workload, with which size.</summary>
internal sealed record PlannedRun(IWorkload Workload, int N, int Instances);

/// <summary>Turns the command line into the list of runs.</summary>
internal static class BenchmarkPlan
{
    public static IReadOnlyList<PlannedRun> From(BenchmarkArguments args)
    {
        if (args.Workload == "all")
        {
            return
            [
                new(new SequentialWorkload(), 100, 1),
                new(new SequentialWorkload(), 100, 20),
                new(new FanoutWorkload(), 1000, 1),
                new(new WaitResumeWorkload(), 100, 100),
                new(new LongSequentialWorkload(), 1000, 1),
                new(new AgentLoopWorkload(), 10, 1),
            ];
        }

        IWorkload workload = args.Workload switch
        {
            "sequential" => new SequentialWorkload(),
            "long-sequential" => new LongSequentialWorkload(),
            "fanout" => new FanoutWorkload(),
            "wait-resume" => new WaitResumeWorkload(),
            "agent-loop" => new AgentLoopWorkload(),
            _ => throw new ArgumentException($"Unknown workload '{args.Workload}'; use one of: {string.Join(", ", BenchmarkArguments.Workloads)}."),
        };
        var n = args.N ?? DefaultN(workload.Name);
        if (workload is LongSequentialWorkload && n < LongSequentialWorkload.MinimumSteps)
        {
            throw new ArgumentException($"long-sequential needs --n {LongSequentialWorkload.MinimumSteps} or more; got {n}.");
        }

        return [new(workload, n, args.Instances ?? 1)];
    }

    private static int DefaultN(string workload) => workload switch
    {
        "sequential" => 100,
        "long-sequential" => 1000,
        "fanout" => 1000,
        "wait-resume" => 100,
        _ => 10,
    };
}
