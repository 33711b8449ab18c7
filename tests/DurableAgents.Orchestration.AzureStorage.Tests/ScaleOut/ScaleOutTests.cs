using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.AzureStorage.Tests.ScaleOut;

/// <summary>Real host processes sharing one task hub: results, failover after a kill, and riding out a storage outage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScaleOutTests(AzuriteFixture azurite)
{
    private const int Partitions = 4;

    [Fact]
    public async Task ThreeHosts_KillOne_PartitionsMoveAndEveryRunCompletesOnce()
    {
        const int runs = 200;
        await using var harness = new ScaleOutHarness(azurite.Azurite.ConnectionString, "scale" + Guid.NewGuid().ToString("N")[..12]);
        await harness.StartHostsAsync(3);
        await harness.ScheduleAsync(runs);
        var deadline = TestDeadline.Token(180);
        await harness.WaitAndCheckAsync(0, 40, deadline);

        // Kill the host that owns the most partitions, in the middle of the run.
        var owners = await harness.PartitionOwnersAsync(azurite.Connection, Partitions);
        var victim = harness.Hosts.OrderByDescending(h => owners.Values.Count(o => o == h.WorkerId)).First();
        await victim.KillAsync();

        // Its leases expire (15 s) and the survivors take every partition over.
        await TestDeadline.WaitUntilAsync(async () =>
        {
            var now = await harness.PartitionOwnersAsync(azurite.Connection, Partitions);
            return now.Count == Partitions && now.Values.All(o => o != victim.WorkerId);
        }, "all partitions owned by surviving hosts", seconds: 45);

        await harness.WaitAndCheckAsync(0, runs, deadline);
        var effects = harness.SideEffects();
        Assert.Equal(runs * (ScaleOutHarness.Steps + ScaleOutHarness.Tools), effects.Count);
        // A repeat is the kill's doing when the victim ran the activity, or owned the instance's partition (an episode it had sent
        // the activity from was cut off before its state was stored, so the next owner ran the episode, and sent it, again).
        var repeatedElsewhere = effects
            .Where(e => e.Value.Count > 1 && !e.Value.Contains(victim.ProcessId)
                && owners.GetValueOrDefault(Naming.PartitionHash.Partition(e.Key.Split('/')[0], Partitions)) != victim.WorkerId)
            .Select(e => $"{e.Key} ({e.Value.Count}x)")
            .ToList();
        Assert.True(repeatedElsewhere.Count == 0, $"Activities repeated without the kill interrupting them: {string.Join(", ", repeatedElsewhere.Take(10))}");
        Assert.True(effects.Count(e => e.Value.Count > 1) <= 40, $"Too many repeats for one kill: {effects.Count(e => e.Value.Count > 1)}");
    }

    [Fact]
    public async Task ThreeHosts_StorageOutage_HostsRetryAndEveryRunCompletes()
    {
        const int runs = 60;
        await using var harness = new ScaleOutHarness(azurite.Azurite.ConnectionString, "outage" + Guid.NewGuid().ToString("N")[..12]);
        await harness.StartHostsAsync(3);
        await harness.ScheduleAsync(runs);
        var deadline = TestDeadline.Token(150);
        await harness.WaitAndCheckAsync(0, 10, deadline);

        // The outage lasts a fixed few seconds: this is the fault being injected, not a wait for state.
        await azurite.Azurite.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await azurite.Azurite.StartAsync();

        await harness.WaitAndCheckAsync(0, runs, deadline);
        Assert.All(harness.Hosts, h => Assert.False(h.HasExited, $"Host {h.WorkerId} crashed:\n{h.Output}"));
        Assert.Equal(runs * (ScaleOutHarness.Steps + ScaleOutHarness.Tools), harness.SideEffects().Count);
    }
}
