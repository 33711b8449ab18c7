using DurableAgents.DurableTask.Sqlite.Tests.Support;
using DurableAgents.Testing;
using DurableTask.Core;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class CrashTests
{
    const int Steps = 400;

    [Fact]
    public async Task SequenceKilledSeveralTimes_Completes_AndNoFinishedStepRunsAgain()
    {
        using var folder = new TempFolder("da-sqlite-crash");
        string db = Path.Combine(folder.Path, "hub.db"), log = Path.Combine(folder.Path, "side-effects.log");
        int kills = 0;
        for (int round = 0; round < 4; round++)
        {
            using var worker = CrashWorkerProcess.Start("run", db, log, "crashy", Steps.ToString(System.Globalization.CultureInfo.InvariantCulture));
            int linesAtStart = Lines(log).Length;
            await TestDeadline.WaitUntilAsync(() => Lines(log).Length >= linesAtStart + 15 || worker.HasExited, "the worker to make progress");
            Assert.False(worker.HasExited, "the worker finished before it could be killed: " + worker.Output);
            worker.Kill();
            kills++;
        }

        using (var last = CrashWorkerProcess.Start("run", db, log, "crashy", Steps.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            await last.WaitForExitAsync();
            Assert.Contains($"DONE Completed {Enumerable.Range(0, Steps).Sum()}", last.Output, StringComparison.Ordinal);
        }

        var steps = Lines(log).Select(l => int.Parse(l["step ".Length..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, Steps), steps.Distinct().Order());
        int repeated = steps.Count - Steps;
        Assert.True(repeated <= kills, $"{repeated} steps ran twice over {kills} kills; at most the one in flight at each kill may");
    }

    [Fact]
    public async Task StartAcknowledgedJustBeforeSigkill_Survives()
    {
        using var folder = new TempFolder("da-sqlite-crash");
        string db = Path.Combine(folder.Path, "hub.db");
        using (var starter = CrashWorkerProcess.Start("start", db, "acked"))
        {
            await TestDeadline.WaitUntilAsync(() => starter.Output.Contains("ACK", StringComparison.Ordinal) || starter.HasExited, "the start to be acknowledged");
            starter.Kill();
            Assert.Contains("ACK", starter.Output, StringComparison.Ordinal);
        }

        await using var service = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = db });
        var state = await new TaskHubClient(service).GetOrchestrationStateAsync("acked");

        Assert.NotNull(state);
        Assert.Equal(OrchestrationStatus.Pending, state.OrchestrationStatus);
        Assert.Contains("acked.log", state.Input, StringComparison.Ordinal);
    }

    static string[] Lines(string path) => File.Exists(path) ? File.ReadAllLines(path).Where(l => l.Length > 0).ToArray() : [];
}
