using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>One benchmark workload on a cluster: small warm-up rounds, then measured rounds.</summary>
internal interface IWorkload
{
    /// <summary>The name on the command line and in the output.</summary>
    string Name { get; }

    /// <summary>Whether one measured round is the measurement (it is too large, or holds state the next round would disturb).</summary>
    bool SingleRound => false;

    /// <summary>Throws <see cref="ArgumentException"/> when the sizes or the cluster's shape do not suit the workload.</summary>
    void Validate(int n, int instances, int workers)
    {
    }

    /// <summary>Runs one small unmeasured round, so the JIT, the caches and the pools are warm before measuring.</summary>
    Task WarmUpAsync(IBenchmarkCluster cluster, CancellationToken cancellation);

    /// <summary>Runs one measured round of <paramref name="instances"/> instances of size <paramref name="n"/>.</summary>
    Task<RoundResult> RunRoundAsync(IBenchmarkCluster cluster, int n, int instances, CancellationToken cancellation);
}

/// <summary>What one measured round did: its steps, its wall time and any workload-specific measures.</summary>
internal sealed record RoundResult(long Steps, TimeSpan Wall)
{
    /// <summary>Named measures in output order; the line shows the median of each over the rounds.</summary>
    public IReadOnlyList<Measure> Measures { get; init; } = [];
}

/// <summary>A named figure of a round and how it is printed.</summary>
internal sealed record Measure(string Name, double Value, string Format = "F3");
