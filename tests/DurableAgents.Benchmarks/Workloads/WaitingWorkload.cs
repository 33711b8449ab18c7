using System.Diagnostics;
using DurableAgents.Benchmarks.Hosting;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// N runs waiting at once for an approval-style event (default 10,000): the host's memory while they wait, then the time from
/// raising the event to all of them until all completed.
/// </summary>
internal sealed class WaitingWorkload : IWorkload
{
    private const int MegaByte = 1024 * 1024;

    public string Name => "waiting";

    // The figure is the memory of N waiting at once; a second round would start from the first's leftovers.
    public bool SingleRound => true;

    public async Task WarmUpAsync(IBenchmarkCluster cluster, CancellationToken cancellation) =>
        await Waiters.ReleaseAsync(cluster, await Waiters.StartAsync(cluster, 100, cancellation), 64, cancellation);

    public async Task<RoundResult> RunRoundAsync(IBenchmarkCluster cluster, int n, int instances, CancellationToken cancellation)
    {
        var (baselineSet, baselineHeap) = Memory();
        var starting = Stopwatch.GetTimestamp();
        var ids = await Waiters.StartAsync(cluster, n, cancellation);
        var startAll = Stopwatch.GetElapsedTime(starting);
        var (workingSet, heap) = Memory();
        var releasing = Stopwatch.GetTimestamp();
        await Waiters.ReleaseAsync(cluster, ids, 64, cancellation);
        return new RoundResult(n, Stopwatch.GetElapsedTime(releasing))
        {
            Measures =
            [
                new("start_all_s", startAll.TotalSeconds, "F1"),
                new("working_set_mb", workingSet / (double)MegaByte, "F0"),
                new("gc_heap_mb", heap / (double)MegaByte, "F0"),
                new("baseline_working_set_mb", baselineSet / (double)MegaByte, "F0"),
                new("baseline_gc_heap_mb", baselineHeap / (double)MegaByte, "F0"),
            ],
        };
    }

    /// <summary>This process's working set and live managed heap, after a full collection (what the waiting runs really hold).</summary>
    private static (long WorkingSet, long Heap) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var self = Process.GetCurrentProcess();
        return (self.WorkingSet64, heap);
    }
}
