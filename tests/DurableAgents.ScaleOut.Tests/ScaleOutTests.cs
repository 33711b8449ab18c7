using System.Diagnostics;
using DurableAgents.ScaleOut.Tests.Infrastructure;
using DurableAgents.ScaleOutWorker.Scenario;
using Xunit.Abstractions;

namespace DurableAgents.ScaleOut.Tests;

/// <summary>
/// Three worker processes on one Azure Storage task hub (Azurite) run 200 agent-style runs to completion, every result
/// checked, while one worker is SIGKILLed mid-run and the storage emulator is stopped for a few seconds.
/// </summary>
public sealed partial class ScaleOutTests(ITestOutputHelper output)
{
    private const int Hosts = 3;
    private const int Runs = 200;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    [Fact]
    public async Task ThreeHosts_TwoHundredAgentRuns_SurviveAKilledHostAndAStorageOutage()
    {
        // An emulator of its own, with its data on disk: this test stops and restarts it.
        await using var azurite = await AzuriteInstance.StartNewAsync(allowExternal: false);
        await using var cluster = await ScaleOutCluster.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTaskHub("scale"), Hosts, output.WriteLine);
        await using var progress = new ProgressReporter(cluster, Note);
        try
        {
            Note($"azurite and {Hosts} hosts started");
            var spread = await WaitForOwnersAsync(cluster, cluster.Workers, "every host owns a partition", o => cluster.Workers.All(w => o.Values.Contains(w.WorkerId)));
            Note($"partitions spread: {string.Join(", ", spread.Select(o => $"{o.Key[^2..]}={o.Value}"))}");

            // The host with the most partitions will be killed; another one schedules, so the kill can come while runs are still
            // being started: the emulator serves starts slowly while it also serves the runs.
            var victim = cluster.Workers.OrderByDescending(w => spread.Values.Count(o => o == w.WorkerId)).First();
            var scheduling = cluster.Workers.First(w => w != victim).SendAsync($"schedule 0 {Runs}", seconds: 300);

            var kill = await KillMidRunAsync(cluster, victim, afterSteps: Runs * RunShape.Steps / 4);
            Assert.Equal($"SCHEDULED {Runs}", await scheduling);
            Note($"{Runs} runs scheduled");
            var outage = await StopStorageAsync(cluster, azurite, afterSteps: Runs * RunShape.Steps / 2);

            await CheckEveryRunAsync(cluster);
            Note($"all {Runs} runs completed with the expected results");
            Assert.All(kill.Survivors, s => Assert.False(s.HasExited, $"{s.WorkerId} exited:\n{s.Errors}"));
            var repeats = AuditRepeats(cluster, kill, outage);
            Note($"scaleout runs={Runs} repeats={repeats} partitions_moved_s={kill.PartitionsMovedAfter.TotalSeconds:F1} "
                + $"outage_s={(outage.To - outage.From).TotalSeconds:F1} wall_s={_clock.Elapsed.TotalSeconds:F0}");
        }
        catch
        {
            ReportFaults(cluster);
            throw;
        }
    }

    private void Note(string what) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1} s] {what}");
}
