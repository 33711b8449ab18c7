using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One benchmark workload: warms the engine up, then measures one run.</summary>
internal interface IWorkload
{
    /// <summary>The name on the command line and in the output.</summary>
    string Name { get; }

    /// <summary>Runs a few small rounds so JIT and caches are warm before measuring.</summary>
    Task WarmUpAsync(BenchmarkCluster cluster, CancellationToken cancellation);

    /// <summary>Runs the measured round.</summary>
    Task<BenchmarkResult> MeasureAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation);
}
