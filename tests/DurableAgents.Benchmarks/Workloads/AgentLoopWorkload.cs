using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// Placeholder for the agent run loop benchmark (DurableAgents.Runs.AgentLoopBenchmark.RunAsync), which is not in this build.
/// To wire it: set <see cref="IsAvailable"/> to true and call AgentLoopBenchmark.RunAsync in <see cref="MeasureAsync"/>.
/// </summary>
internal sealed class AgentLoopWorkload : IWorkload
{
    public const string NotAvailable = "agent-loop: not available in this build";

    public static bool IsAvailable => false;

    public string Name => "agent-loop";

    public int MeasuredRounds => 1;

    public Task WarmUpRoundAsync(BenchmarkCluster cluster, CancellationToken cancellation) => Task.CompletedTask;

    public Task<BenchmarkResult> MeasureAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation) =>
        throw new NotSupportedException(NotAvailable);
}
