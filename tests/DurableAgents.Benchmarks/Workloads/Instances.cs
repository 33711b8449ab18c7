using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>Starting and awaiting many instances of one orchestration.</summary>
internal static class Instances
{
    // Client calls in flight at once: enough to fill the provider's group commits, few enough not to flood the thread pool.
    private const int Parallelism = 64;

    /// <summary>Starts <paramref name="count"/> instances, <see cref="Parallelism"/> at a time; returns their ids in order.</summary>
    public static async Task<string[]> StartAsync(
        IBenchmarkCluster cluster, BenchmarkOrchestration orchestration, int input, int count, CancellationToken cancellation)
    {
        var ids = new string[count];
        await ForEachAsync(Enumerable.Range(0, count), async i => ids[i] = await cluster.StartAsync(orchestration, input, cancellation), cancellation);
        return ids;
    }

    /// <summary>Runs <paramref name="body"/> on each item, <paramref name="parallelism"/> (default <see cref="Parallelism"/>) at a time.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> items, Func<T, Task> body, CancellationToken cancellation, int parallelism = Parallelism) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellation }, async (item, _) => await body(item));

    /// <summary>Waits for each instance in turn and checks its output.</summary>
    /// <remarks>
    /// One at a time: they finish at about the same time, so once the first is done the rest need one read each, while waiting on
    /// all at once would have a polling client (Azure Storage) read every unfinished instance over and over.
    /// </remarks>
    public static async Task WaitForOutputAsync(IBenchmarkCluster cluster, IEnumerable<string> ids, int expectedOutput, CancellationToken cancellation)
    {
        foreach (var id in ids)
        {
            await cluster.WaitForOutputAsync(id, expectedOutput, cancellation);
        }
    }
}
