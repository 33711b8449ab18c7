using DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;
using DurableAgents.DurableTask.Sqlite.Tests.Support;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Serializing;
using Microsoft.Extensions.Time.Testing;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task Timer_FiresWhenTheClockPassesItsTime()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.StartAsync(s => s with { TimeProvider = clock });
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sleeper), "nap", 3600);
        await OrchestrationTests.WaitForStatusAsync(hub, "nap", OrchestrationStatus.Running);
        Assert.Null(await hub.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMilliseconds(200)));

        clock.Advance(TimeSpan.FromHours(1.01));

        Assert.Equal("\"fired\"", (await hub.WaitAsync(instance)).Output);
    }

    [Fact]
    public async Task Timer_FiresAfterTheServiceIsRestartedOnTheSameFile()
    {
        await using var hub = await TestHub.StartAsync(s => s with { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow) });
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sleeper), "long-nap", 3600);
        await OrchestrationTests.WaitForStatusAsync(hub, "long-nap", OrchestrationStatus.Running);

        await hub.RestartAsync(s => s with { TimeProvider = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(2)) });

        Assert.Equal("\"fired\"", (await hub.WaitAsync(instance)).Output);
    }

    [Fact]
    public async Task Restart_KeepsInstancesHistoryAndPendingWork()
    {
        await using var hub = await TestHub.StartAsync();
        var done = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "kept-done", 5);
        await hub.WaitAsync(done);
        var waiting = await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "kept-waiting", 2);
        await OrchestrationTests.WaitForStatusAsync(hub, "kept-waiting", OrchestrationStatus.Running);
        await hub.Client.RaiseEventAsync(waiting, "e", "before");
        string historyBefore = await hub.Client.GetOrchestrationHistoryAsync(done);

        await hub.RestartAsync(startWorker: false);
        await hub.Client.RaiseEventAsync(waiting, "e", "after");
        await hub.StartWorkerAsync();

        Assert.Equal("\"before,after\"", (await hub.WaitAsync(waiting)).Output);
        Assert.Equal("5", (await hub.Client.GetOrchestrationStateAsync(done))!.Output);
        Assert.Equal(historyBefore, await hub.Client.GetOrchestrationHistoryAsync(done));
    }

    [Fact]
    public async Task DuplicateStart_IsRefused_UntilTheInstanceFinishesAndTheStatusMayBeReplaced()
    {
        await using var hub = await TestHub.StartAsync();
        var first = await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "dup", 1);

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "dup", 1));
        Assert.Contains("'dup'", refused.Message, StringComparison.Ordinal);

        await hub.Client.RaiseEventAsync(first, "e", "x");
        await hub.WaitAsync(first);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "dup", 1, [OrchestrationStatus.Completed]));
        var second = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "dup", 3, [OrchestrationStatus.Failed]);
        Assert.Equal("3", (await hub.WaitAsync(second)).Output);
    }

    [Fact]
    public async Task ExtendedSessions_ResumeTheLiveOrchestrator_WithoutReplaying()
    {
        await using var withSessions = await TestHub.StartAsync();
        await using var withoutSessions = await TestHub.StartAsync(s => s with { ExtendedSessionsEnabled = false });

        await withSessions.WaitAsync(await withSessions.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "session-on", 20));
        await withoutSessions.WaitAsync(await withoutSessions.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "session-off", 20));

        Assert.Equal(1, Sequence.Starts["session-on"]);
        Assert.Equal(21, Sequence.Starts["session-off"]);
    }

    [Fact]
    public async Task LongSession_StaysOneLiveOrchestrator_AndStoresEveryEventInOrder()
    {
        await using var hub = await TestHub.StartAsync();
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "long-session", 300);

        Assert.Equal("300", (await hub.WaitAsync(instance)).Output);

        Assert.Equal(1, Sequence.Starts["long-session"]);
        var row = SqliteFile.Query(hub.DatabasePath, "SELECT count(*), max(seq) FROM history WHERE instance_id = 'long-session'")[0];
        Assert.Equal((long)row[0], (long)row[1] + 1);
        var history = JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(await hub.Client.GetOrchestrationHistoryAsync(instance));
        Assert.Equal(300, history.OfType<TaskCompletedEvent>().Count());
        Assert.Equal((long)row[0], history.Count);
    }

    [Fact]
    public async Task ContinueAsNew_1000Generations_KeepsOnlyTheLastGenerationsHistory()
    {
        await using var hub = await TestHub.StartAsync();
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Generations), "gens", new[] { 0, 1000 });

        var state = await hub.WaitAsync(instance, seconds: 120);

        Assert.Equal("1000", state.Output);
        Assert.InRange((long)SqliteFile.Query(hub.DatabasePath, "SELECT count(*) FROM history WHERE instance_id = 'gens'")[0][0], 1, 10);
    }

    [Fact]
    public async Task ContinueAsNewInTheFirstEpisode_StoresTheLastExecution_AndSurvivesARestart()
    {
        await using var hub = await TestHub.StartAsync();
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(CountDown), "countdown", 3);
        var done = await hub.WaitAsync(instance);
        Assert.Equal("0", done.Output);

        await hub.RestartAsync();

        var state = await hub.Client.GetOrchestrationStateAsync("countdown");
        Assert.Equal(done.OrchestrationInstance.ExecutionId, state!.OrchestrationInstance.ExecutionId);
        Assert.NotEqual(instance.ExecutionId, state.OrchestrationInstance.ExecutionId);
        Assert.Equal("0", state.Input);
        var history = JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(await hub.Client.GetOrchestrationHistoryAsync(state.OrchestrationInstance));
        Assert.Contains(history, e => e is ExecutionCompletedEvent);
        Assert.Equal("[]", await hub.Client.GetOrchestrationHistoryAsync(instance)); // the first execution's history is gone
    }

    [Fact]
    public async Task EventForAnUnknownInstance_FailsWithAClearError_AndSendsNothing()
    {
        await using var hub = await TestHub.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(
            () => hub.Client.RaiseEventAsync(new OrchestrationInstance { InstanceId = "nobody" }, "e", "x"));

        Assert.Contains("'nobody'", error.Message, StringComparison.Ordinal);
        var sender = await hub.Client.CreateOrchestrationInstanceAsync(typeof(SendsToNobody), "sender", 1);
        Assert.Equal("\"sent:2\"", (await hub.WaitAsync(sender)).Output);
        var ok = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "after-error", 2);
        Assert.Equal("2", (await hub.WaitAsync(ok)).Output);
    }
}
