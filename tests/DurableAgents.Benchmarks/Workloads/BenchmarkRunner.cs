using DurableAgents.Benchmarks.Cli;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>Runs each planned workload on a fresh backend: warm up, measure, print one line.</summary>
internal static class BenchmarkRunner
{
    public static async Task RunAsync(BenchmarkArguments args, IReadOnlyList<PlannedRun> plan, TextWriter output, CancellationToken cancellation)
    {
        foreach (var run in plan)
        {
            if (run.Workload is AgentLoopWorkload && !AgentLoopWorkload.IsAvailable)
            {
                output.WriteLine(AgentLoopWorkload.NotAvailable);
                continue;
            }

            var backend = BackendFactory.Create(args, run.Workload.Name);
            await using var cluster = await BenchmarkCluster.StartAsync(backend, args.Workers);
            await run.Workload.WarmUpAsync(cluster, cancellation);
            var result = await run.Workload.MeasureAsync(cluster, run.N, run.Instances, cancellation);
            output.WriteLine(result.Format(args.Backend));
            output.Flush();
        }
    }
}
