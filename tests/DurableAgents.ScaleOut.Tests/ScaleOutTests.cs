using System.Diagnostics;
using DurableAgents.ScaleOut.Tests.Audit;
using DurableAgents.ScaleOut.Tests.Infrastructure;
using DurableAgents.ScaleOutWorker.Scenario;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace DurableAgents.ScaleOut.Tests;

/// <summary>
/// Three worker processes on one Azure Storage task hub (Azurite) run 200 agent-style runs to completion, every result
/// checked, while one worker is SIGKILLed mid-run and the storage emulator is stopped for a few seconds.
/// </summary>
public sealed class ScaleOutTests(ITestOutputHelper output)
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

            // (a) Mid-run, SIGKILL the victim; its leases must expire and its partitions move to the others.
            await WaitForStepsAsync(cluster, Runs * RunShape.Steps / 4);
            var ownersAtKill = await cluster.Partitions.OwnersAsync();
            var killedAt = DateTime.UtcNow;
            await victim.KillAsync();
            var held = ownersAtKill.Where(o => o.Value == victim.WorkerId).Select(o => o.Key).ToList();
            Note($"killed {victim.WorkerId} holding {string.Join(", ", held)}");
            Assert.True(held.Count > 0, $"The victim held no partition when killed: {string.Join(", ", ownersAtKill)}");
            var survivors = cluster.Workers.Where(w => w != victim).ToList();
            await WaitForOwnersAsync(cluster, survivors, "the survivors own every partition", o => o.Values.All(owner => survivors.Any(s => s.WorkerId == owner)));
            var moved = DateTime.UtcNow - killedAt;
            Note($"partitions moved to the survivors {moved.TotalSeconds:F1} s after the kill");

            Assert.Equal($"SCHEDULED {Runs}", await scheduling);
            Note($"{Runs} runs scheduled");

            // (b) Stop the emulator (SIGTERM, data kept) for a few seconds: the fault injected, not a wait for state.
            await WaitForStepsAsync(cluster, Runs * RunShape.Steps / 2);
            var outageFrom = DateTime.UtcNow;
            await azurite.StopAsync();
            await Task.Delay(Outage);
            await azurite.StartAsync();
            var outageTo = DateTime.UtcNow;
            Note($"storage back after {(outageTo - outageFrom).TotalSeconds:F1} s");

            await CheckEveryRunAsync(cluster);
            Note($"all {Runs} runs completed with the expected results");
            Assert.All(survivors, s => Assert.False(s.HasExited, $"{s.WorkerId} exited:\n{s.Errors}"));

            var executions = ProcessLogs.ReadExecutions(cluster.LogFolder);
            Assert.Equal(Runs * RunShape.Steps, executions.Select(e => e.Key).Distinct().Count());
            var audit = new RepeatAudit
            {
                VictimProcessId = victim.ProcessId,
                VictimWorkerId = victim.WorkerId,
                KilledAt = killedAt,
                OwnersAtKill = ownersAtKill,
                ControlQueueOf = cluster.Partitions.ControlQueueOf,
                OutageFrom = outageFrom,
                OutageTo = outageTo,
                Faults = ProcessLogs.ReadFaults(cluster.LogFolder),
            };
            var repeats = audit.Find(executions);
            foreach (var cause in repeats.GroupBy(r => r.Cause ?? "NOTHING"))
            {
                Note($"{cause.Count()} steps repeated because {cause.Key}");
            }

            var unexplained = repeats.Where(r => r.Cause is null).Select(r => Describe(r, killedAt)).ToList();
            Assert.True(unexplained.Count == 0, $"Completed steps ran again with no fault to explain it:\n{string.Join("\n", unexplained.Take(20))}");
            Note($"scaleout runs={Runs} steps={executions.Count} repeats={repeats.Count} partitions_moved_s={moved.TotalSeconds:F1} "
                + $"outage_s={(outageTo - outageFrom).TotalSeconds:F1} wall_s={_clock.Elapsed.TotalSeconds:F0}");
        }
        catch
        {
            ReportFaults(cluster);
            throw;
        }
    }

    private static string Describe(Repeat repeat, DateTime killedAt) =>
        $"{repeat.Key}: " + string.Join("; ", repeat.Executions.Select(e => $"pid {e.ProcessId} at {(e.At - killedAt).TotalSeconds:F1} s after the kill"));

    private static async Task WaitForStepsAsync(ScaleOutCluster cluster, int steps) =>
        await TestDeadline.WaitUntilAsync(() => cluster.CompletedSteps() >= steps, $"{steps} steps completed", seconds: 180);

    private static async Task<IReadOnlyDictionary<string, string?>> WaitForOwnersAsync(
        ScaleOutCluster cluster, IReadOnlyList<WorkerProcess> hosts, string what, Func<IReadOnlyDictionary<string, string?>, bool> condition)
    {
        IReadOnlyDictionary<string, string?> owners = new Dictionary<string, string?>();
        await TestDeadline.WaitUntilAsync(async () =>
        {
            var dead = hosts.FirstOrDefault(h => h.HasExited);
            Assert.True(dead is null, $"{dead?.WorkerId} exited:\n{dead?.Errors}");
            owners = await cluster.Partitions.OwnersAsync();
            return owners.Count > 0 && condition(owners);
        }, what, seconds: 120);
        return owners;
    }

    private static async Task CheckEveryRunAsync(ScaleOutCluster cluster)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        for (var run = 0; run < Runs; run++)
        {
            var id = RunShape.InstanceId(run);
            OrchestrationMetadata metadata;
            try
            {
                metadata = await cluster.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"{id} did not complete in time. {await DescribeStuckAsync(cluster, id)}");
            }

            Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} is {metadata.RuntimeStatus}: {metadata.FailureDetails}");
            Assert.Equal(RunShape.ExpectedResults(run), metadata.ReadOutputAs<RunOutput>()?.Results);
        }
    }

    // What a stalled run was waiting for: its status, its last history events, the steps that ran, its partition's owner.
    private static async Task<string> DescribeStuckAsync(ScaleOutCluster cluster, string id)
    {
        var state = await cluster.Client.GetInstanceAsync(id);
        var history = await cluster.Client.GetOrchestrationHistoryAsync(id);
        var steps = ProcessLogs.ReadExecutions(cluster.LogFolder).Where(e => e.InstanceId == id).Select(e => $"{e.Key[(id.Length + 1)..]}@{e.ProcessId}");
        var queue = cluster.Partitions.ControlQueueOf(id);
        var owners = await cluster.Partitions.OwnersAsync();
        return $"Status {state?.RuntimeStatus}; steps run: {string.Join(" ", steps)}; last events: "
            + string.Join(", ", history.TakeLast(8).Select(e => $"{e.EventType}#{e.EventId}@{e.Timestamp:HH:mm:ss.f}"))
            + $"; {queue} owned by {owners.GetValueOrDefault(queue) ?? "nobody"}";
    }

    private void ReportFaults(ScaleOutCluster cluster)
    {
        foreach (var kind in ProcessLogs.ReadFaults(cluster.LogFolder).GroupBy(f => (f.ProcessId, f.Level, f.Event)))
        {
            var last = kind.Last();
            output.WriteLine($"faults {kind.Key}: {kind.Count()}, {kind.First().At:HH:mm:ss.f}-{last.At:HH:mm:ss.f}, last: {last.Message[..Math.Min(500, last.Message.Length)]}");
        }

        foreach (var worker in cluster.Workers.Where(w => w.Errors.Length > 0))
        {
            output.WriteLine($"{worker.WorkerId} stderr:\n{worker.Errors}");
        }
    }

    private void Note(string what) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1} s] {what}");
}
