using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.ScaleOut.Tests.Infrastructure;
using DurableAgents.ScaleOutWorker.Scenario;
using Xunit.Abstractions;

namespace DurableAgents.ScaleOut.Tests;

/// <summary>
/// Three worker processes on one Azure Storage task hub (Azurite) run agent-style runs to completion, every result checked,
/// while one worker is SIGKILLed mid-run and the storage emulator is stopped for a few seconds. The normal suite runs
/// <see cref="DefaultRuns"/>; run-repeatedly.sh sets <see cref="RunsVariable"/> to the issue's 200.
/// </summary>
public sealed partial class ScaleOutTests(ITestOutputHelper output)
{
    private const int Hosts = 3;
    private const string RunsVariable = "DURABLEAGENTS_SCALEOUT_RUNS";

    // Enough runs that the kill and the outage land while every host is busy, few enough that the normal suite stays quick.
    private const int DefaultRuns = 40;

    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(4);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    // Read when the test starts, so a bad value fails the test with its message rather than the type's initializer.
    private int Runs { get; } = RunsFromEnvironment();

    [Fact]
    public async Task ThreeHosts_AgentRuns_SurviveAKilledHostAndAStorageOutage()
    {
        // An emulator of its own, with its data on disk: this test stops and restarts it.
        await using var azurite = await AzuriteInstance.StartNewAsync(allowExternal: false);
        await using var cluster = await ScaleOutCluster.StartAsync(azurite.ConnectionString, AzuriteFixture.NewTaskHub("scale"), Hosts, output.WriteLine);
        await using var progress = new ProgressReporter(cluster, Note);
        using var stopScheduling = new CancellationTokenSource();
        var scheduling = Task.CompletedTask;
        try
        {
            Note($"azurite and {Hosts} hosts started");
            var spread = await WaitForOwnersAsync(cluster, cluster.Workers, "every host owns a partition", o => cluster.Workers.All(w => o.Values.Contains(w.WorkerId)));
            Note($"partitions spread: {string.Join(", ", spread.Select(o => $"{o.Key[^2..]}={o.Value}"))}");

            // The test's client (it owns no partitions) starts the runs while they already run, so the kill can come while some are
            // still being started: the emulator serves starts slowly while it also serves the runs.
            scheduling = ScheduleRunsAsync(cluster, stopScheduling.Token);
            var kill = await KillMidRunAsync(cluster, afterSteps: Runs * RunShape.Steps / 4);
            await scheduling;
            Note($"{Runs} runs scheduled");
            var outage = await StopStorageAsync(cluster, azurite, afterSteps: Runs * RunShape.Steps / 2);

            await CheckEveryRunAsync(cluster);
            Note($"all {Runs} runs completed with the expected results");
            Assert.All(kill.Survivors, s => Assert.False(s.HasExited, $"{s.WorkerId} exited:\n{s.Errors}"));
            var audit = await AuditRepeatsAsync(cluster, kill, outage);
            Note($"scaleout runs={Runs} repeats={audit.Repeats} after_recorded={audit.AfterResultRecorded} partitions_moved_s={kill.PartitionsMovedAfter.TotalSeconds:F1} "
                + $"outage_s={(outage.To - outage.From).TotalSeconds:F1} wall_s={_clock.Elapsed.TotalSeconds:F0}");
        }
        catch
        {
            // The starts must not run on against a cluster being torn down.
            await stopScheduling.CancelAsync();
            await scheduling.ContinueWith(_ => { }, TaskScheduler.Default);
            ReportFaults(cluster);
            throw;
        }
    }

    private async Task ScheduleRunsAsync(ScaleOutCluster cluster, CancellationToken stop)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop, TestDeadline.Token(300));
        await Parallel.ForEachAsync(Enumerable.Range(0, Runs), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = deadline.Token }, async (run, ct) =>
            await cluster.Client.ScheduleNewOrchestrationInstanceAsync(
                RunShape.Orchestrator, new RunInput(run), new StartOrchestrationOptions { InstanceId = RunShape.InstanceId(run) }, ct));
    }

    private static int RunsFromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(RunsVariable);
        return string.IsNullOrWhiteSpace(text) ? DefaultRuns
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var runs) && runs is >= 4 and <= 999 ? runs
            : throw new ArgumentException($"{RunsVariable} is '{text}'; set it to a whole number of runs from 4 to 999 (run ids have three digits), or unset it for {DefaultRuns}.");
    }

    private void Note(string what) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:F1} s] {what}");
}
