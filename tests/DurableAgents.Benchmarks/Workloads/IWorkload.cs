using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One benchmark workload: small warm-up rounds, then measured rounds.</summary>
internal interface IWorkload
{
    /// <summary>The name on the command line and in the output.</summary>
    string Name { get; }

    /// <summary>How many measured rounds to run; the median (by wall time) is reported.</summary>
    int MeasuredRounds { get; }

    /// <summary>Runs one small unmeasured round, so JIT tiering and caches are warm before measuring.</summary>
    Task WarmUpRoundAsync(BenchmarkCluster cluster, CancellationToken cancellation);

    /// <summary>Runs one measured round.</summary>
    Task<BenchmarkResult> MeasureAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation);
}
