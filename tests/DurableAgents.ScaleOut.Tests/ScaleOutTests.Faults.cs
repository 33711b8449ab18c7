using DurableAgents.ScaleOut.Tests.Infrastructure;

namespace DurableAgents.ScaleOut.Tests;

/// <summary>The faults the test injects (a SIGKILL, an emulator outage) and what it checks after them.</summary>
public sealed partial class ScaleOutTests
{
    private sealed record KillRecord(WorkerProcess Victim, DateTime At, IReadOnlyList<WorkerProcess> Survivors, TimeSpan PartitionsMovedAfter);

    private sealed record OutageRecord(DateTime From, DateTime To);

    /// <summary>
    /// Once <paramref name="afterSteps"/> steps are done, SIGKILLs the host holding the most partitions at that moment (leases
    /// move while the runs go on); waits until the survivors hold every partition.
    /// </summary>
    private async Task<KillRecord> KillMidRunAsync(ScaleOutCluster cluster, int afterSteps)
    {
        await WaitForStepsAsync(cluster, afterSteps);
        var owners = await cluster.Partitions.OwnersAsync();
        var victim = cluster.Workers.MaxBy(w => owners.Values.Count(o => o == w.WorkerId))!;
        var killedAt = DateTime.UtcNow;
        await victim.KillAsync();
        var held = owners.Where(o => o.Value == victim.WorkerId).Select(o => o.Key).ToList();
        Note($"killed {victim.WorkerId} holding {string.Join(", ", held)}");
        Assert.True(held.Count > 0, $"No host held a partition when the kill came: {string.Join(", ", owners)}");

        // Its leases expire and the others take them; what it had dequeued reappears after the visibility timeout.
        var survivors = cluster.Workers.Where(w => w != victim).ToList();
        await WaitForOwnersAsync(cluster, survivors, "the survivors own every partition", o => o.Values.All(owner => survivors.Any(s => s.WorkerId == owner)));
        var moved = DateTime.UtcNow - killedAt;
        Note($"partitions moved to the survivors {moved.TotalSeconds:F1} s after the kill");
        return new KillRecord(victim, killedAt, survivors, moved);
    }

    /// <summary>Once <paramref name="afterSteps"/> steps are done, stops the emulator (SIGTERM, data kept) for <see cref="Outage"/>.</summary>
    private async Task<OutageRecord> StopStorageAsync(ScaleOutCluster cluster, AzuriteInstance azurite, int afterSteps)
    {
        await WaitForStepsAsync(cluster, afterSteps);
        var from = DateTime.UtcNow;
        await azurite.StopAsync();
        await Task.Delay(Outage); // the fault injected, not a wait for state
        await azurite.StartAsync();
        var to = DateTime.UtcNow;
        Note($"storage back after {(to - from).TotalSeconds:F1} s");
        return new OutageRecord(from, to);
    }
}
