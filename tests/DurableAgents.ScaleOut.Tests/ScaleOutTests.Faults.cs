using DurableAgents.ScaleOut.Tests.Audit;
using DurableAgents.ScaleOut.Tests.Infrastructure;
using DurableAgents.ScaleOutWorker.Scenario;

namespace DurableAgents.ScaleOut.Tests;

/// <summary>The faults the test injects (a SIGKILL, an emulator outage) and what it checks after them.</summary>
public sealed partial class ScaleOutTests
{
    private sealed record KillRecord(
        WorkerProcess Victim, DateTime At, IReadOnlyDictionary<string, string?> OwnersAtKill, IReadOnlyList<WorkerProcess> Survivors, TimeSpan PartitionsMovedAfter);

    private sealed record OutageRecord(DateTime From, DateTime To);

    /// <summary>SIGKILLs <paramref name="victim"/> once <paramref name="afterSteps"/> steps are done; waits until the survivors hold every partition.</summary>
    private async Task<KillRecord> KillMidRunAsync(ScaleOutCluster cluster, WorkerProcess victim, int afterSteps)
    {
        await WaitForStepsAsync(cluster, afterSteps);
        var owners = await cluster.Partitions.OwnersAsync();
        var killedAt = DateTime.UtcNow;
        await victim.KillAsync();
        var held = owners.Where(o => o.Value == victim.WorkerId).Select(o => o.Key).ToList();
        Note($"killed {victim.WorkerId} holding {string.Join(", ", held)}");
        Assert.True(held.Count > 0, $"The victim held no partition when killed: {string.Join(", ", owners)}");

        // Its leases expire and the others take them; what it had dequeued reappears after the visibility timeout.
        var survivors = cluster.Workers.Where(w => w != victim).ToList();
        await WaitForOwnersAsync(cluster, survivors, "the survivors own every partition", o => o.Values.All(owner => survivors.Any(s => s.WorkerId == owner)));
        var moved = DateTime.UtcNow - killedAt;
        Note($"partitions moved to the survivors {moved.TotalSeconds:F1} s after the kill");
        return new KillRecord(victim, killedAt, owners, survivors, moved);
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

    /// <summary>Every step ran; each that ran again has a fault to excuse it. Returns how many ran again.</summary>
    private int AuditRepeats(ScaleOutCluster cluster, KillRecord kill, OutageRecord outage)
    {
        var executions = ProcessLogs.ReadExecutions(cluster.LogFolder);
        Assert.Equal(Runs * RunShape.Steps, executions.Select(e => e.Key).Distinct().Count());
        var audit = new RepeatAudit
        {
            VictimProcessId = kill.Victim.ProcessId,
            VictimWorkerId = kill.Victim.WorkerId,
            KilledAt = kill.At,
            OwnersAtKill = kill.OwnersAtKill,
            ControlQueueOf = cluster.Partitions.ControlQueueOf,
            OutageFrom = outage.From,
            OutageTo = outage.To,
            Events = ProcessLogs.ReadEvents(cluster.LogFolder),
        };
        var repeats = audit.Find(executions);
        foreach (var cause in repeats.GroupBy(r => r.Cause ?? "NOTHING"))
        {
            Note($"{cause.Count()} steps repeated because {cause.Key}");
        }

        var unexplained = repeats.Where(r => r.Cause is null).Select(r => Describe(r, audit, kill.At, outage)).ToList();
        Assert.True(unexplained.Count == 0, $"Completed steps ran again with no fault to explain it:\n{string.Join("\n", unexplained.Take(20))}");
        return repeats.Count;
    }

    // Times are seconds after the kill, so a reader can line the repeat up with the kill, the outage and the faults.
    private static string Describe(Repeat repeat, RepeatAudit audit, DateTime killedAt, OutageRecord outage)
    {
        string At(DateTime at) => $"{(at - killedAt).TotalSeconds:F1}";
        var runs = string.Join("; ", repeat.Executions.Select(e => $"pid {e.ProcessId} at {At(e.At)}"));
        var faults = audit.FaultsOf(repeat.Executions[0].InstanceId).Select(f => $"\n    {At(f.At)} pid {f.ProcessId} {f.Event}: {f.Message[..Math.Min(300, f.Message.Length)]}");
        return $"{repeat.Key} ran at {runs} (s after the kill; outage {At(outage.From)}-{At(outage.To)}); faults naming its instance:{string.Concat(faults)}";
    }
}
