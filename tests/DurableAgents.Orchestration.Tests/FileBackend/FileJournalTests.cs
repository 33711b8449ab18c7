using DurableAgents.Orchestration.Backends.File;
using DurableAgents.Orchestration.Tests.Infrastructure;
using DurableAgents.Testing;

namespace DurableAgents.Orchestration.Tests.FileBackend;

/// <summary>Recovery from the journal: torn tails, compaction, and the folder lock.</summary>
public sealed class FileJournalTests : IDisposable
{
    private readonly TempFolder _folder = new("da-journal");

    [Fact]
    public async Task TornTail_IsCutOff_AndEverythingAcknowledgedSurvives()
    {
        await RunEchoesAsync(new FileBackendOptions { DataPath = _folder.Path }, 5);
        var journal = Directory.GetFiles(_folder.Path, "journal-*.log").Single();
        var goodLength = new FileInfo(journal).Length;
        await File.AppendAllTextAsync(journal, "\u0040\0\0\0garbage-from-a-half-written-record");

        await using var reopened = new FileOrchestrationService(new FileBackendOptions { DataPath = _folder.Path });
        await reopened.StartAsync(default);
        for (var i = 0; i < 5; i++)
        {
            var state = await reopened.GetStateAsync($"echo-{i}", true, default);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, state!.RuntimeStatus);
            Assert.Equal($"\"hi {i}\"", state.Output);
        }

        Assert.Equal(goodLength, new FileInfo(journal).Length);
    }

    [Fact]
    public async Task Compaction_KeepsOneJournal_AndStateSurvivesReopen()
    {
        var options = new FileBackendOptions { DataPath = _folder.Path, CompactionThresholdBytes = 4096 };
        await RunEchoesAsync(options, 30);

        Assert.Single(Directory.GetFiles(_folder.Path, "journal-*.log"));
        Assert.NotEqual("journal-00000001.log", Path.GetFileName(Directory.GetFiles(_folder.Path, "journal-*.log")[0]));
        await using var reopened = new FileOrchestrationService(options);
        for (var i = 0; i < 30; i++)
        {
            var state = await reopened.GetStateAsync($"echo-{i}", true, default);
            Assert.Equal($"\"hi {i}\"", state!.Output);
            Assert.Contains(await reopened.GetHistoryAsync($"echo-{i}", default), e => e is History.TaskCompletedEvent);
        }
    }

    [Fact]
    public async Task SecondServiceOnSameFolder_IsRefused()
    {
        await using var first = new FileOrchestrationService(new FileBackendOptions { DataPath = _folder.Path });
        await first.StartAsync(default);
        await using var second = new FileOrchestrationService(new FileBackendOptions { DataPath = _folder.Path });

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => second.StartAsync(default));

        Assert.Contains("in use by another process", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_RejectEmptyPath()
    {
        var ex = Assert.Throws<ArgumentException>(() => new FileOrchestrationService(new FileBackendOptions { DataPath = " " }));
        Assert.Contains("DataPath", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static async Task RunEchoesAsync(FileBackendOptions options, int count)
    {
        var backend = new FileOrchestrationService(options);
        await using (backend)
        {
            await using var host = await WorkerHost.StartAsync(backend, r => r
                .AddActivityFunc<string, string>("Say", (_, x) => "hi " + x)
                .AddOrchestratorFunc<string, string>("Echo", (ctx, x) => ctx.CallActivityAsync<string>("Say", x)));
            for (var i = 0; i < count; i++)
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync("Echo", i.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { InstanceId = $"echo-{i}" });
            }

            for (var i = 0; i < count; i++)
            {
                await host.Client.WaitForInstanceCompletionAsync($"echo-{i}", false, TestDeadline.Token());
            }
        }
    }
}
