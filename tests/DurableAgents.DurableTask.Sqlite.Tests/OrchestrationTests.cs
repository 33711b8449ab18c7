using DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;
using DurableAgents.DurableTask.Sqlite.Tests.Support;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Serializing;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class OrchestrationTests
{
    [Fact]
    public async Task Sequence_Completes_AndItsHistoryIsStoredInOrder()
    {
        await using var hub = await TestHub.StartAsync();
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "seq-1", 10);

        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal("10", state.Output);
        var history = JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(await hub.Client.GetOrchestrationHistoryAsync(instance));
        Assert.IsType<ExecutionStartedEvent>(history.First(e => e is not OrchestratorStartedEvent));
        Assert.Equal(10, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), history.OfType<TaskCompletedEvent>().Select(e => e.Result));
        Assert.IsType<ExecutionCompletedEvent>(history.Last(e => e is not OrchestratorCompletedEvent));
    }

    [Fact]
    public async Task FanOut_RunsEveryActivity_AndFansIn()
    {
        await using var hub = await TestHub.StartAsync();
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(FanOut), "fan-1", 300);

        var state = await hub.WaitAsync(instance);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(Enumerable.Range(1, 300).Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), state.Output);
    }

    [Fact]
    public async Task SubOrchestration_Succeeds_AndItsFailureReachesTheParentWithDetails()
    {
        await using var hub = await TestHub.StartAsync();
        var ok = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Parent), "parent-ok", 41);
        var failing = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Parent), "parent-fail", -1);

        Assert.Equal("\"ok:42\"", (await hub.WaitAsync(ok)).Output);
        Assert.Equal("\"failed:negative input\"", (await hub.WaitAsync(failing)).Output);
        var child = await hub.Client.GetOrchestrationStateAsync("parent-fail-child");
        Assert.Equal(OrchestrationStatus.Failed, child!.OrchestrationStatus);
        Assert.Contains("negative input", child.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("parent-fail", child.ParentInstance!.OrchestrationInstance.InstanceId);
    }

    [Fact]
    public async Task Events_RaisedBeforeTheWorkerStarts_AndWhileBusy_AreDeliveredInOrder()
    {
        await using var hub = await TestHub.StartAsync(startWorker: false);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "events-1", 30);
        foreach (var value in new[] { "a", "b", "c" })
        {
            await hub.Client.RaiseEventAsync(instance, "e", value);
        }

        await hub.StartWorkerAsync();
        var expected = new List<string> { "a", "b", "c" };
        for (int i = 0; i < 27; i++)
        {
            expected.Add("v" + i);
            await hub.Client.RaiseEventAsync(instance, "e", "v" + i);
        }

        var state = await hub.WaitAsync(instance);

        Assert.Equal("\"" + string.Join(",", expected) + "\"", state.Output);
    }

    [Fact]
    public async Task Terminate_Suspend_AndResume_ChangeTheStatus()
    {
        await using var hub = await TestHub.StartAsync();
        var doomed = await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "doomed", 1);
        var paused = await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "paused", 1);
        await WaitForStatusAsync(hub, "doomed", OrchestrationStatus.Running);
        await WaitForStatusAsync(hub, "paused", OrchestrationStatus.Running);

        await hub.Client.TerminateInstanceAsync(doomed, "no longer needed");
        await hub.Client.SuspendInstanceAsync(paused, "hold on");
        await WaitForStatusAsync(hub, "paused", OrchestrationStatus.Suspended);
        await hub.Client.RaiseEventAsync(paused, "e", "late");
        await hub.Client.ResumeInstanceAsync(paused, "go on");

        var terminated = await hub.WaitAsync(doomed);
        Assert.Equal(OrchestrationStatus.Terminated, terminated.OrchestrationStatus);
        Assert.Contains("no longer needed", terminated.Output, StringComparison.Ordinal);
        Assert.Equal("\"late\"", (await hub.WaitAsync(paused)).Output);
        var history = JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(await hub.Client.GetOrchestrationHistoryAsync(paused));
        Assert.Contains(history, e => e is ExecutionSuspendedEvent);
        Assert.Contains(history, e => e is ExecutionResumedEvent);
    }

    [Fact]
    public async Task LargePayloads_Of16MB_GoInAndComeOut()
    {
        await using var hub = await TestHub.StartAsync();
        string input = new('x', 16 * 1024 * 1024);
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Echo), "large", input);

        var state = await hub.WaitAsync(instance, seconds: 120);

        Assert.Equal(OrchestrationStatus.Completed, state.OrchestrationStatus);
        Assert.Equal(JsonDataConverter.Default.Serialize(input + "!"), state.Output);
        Assert.Equal(JsonDataConverter.Default.Serialize(input), state.Input);
    }

    [Fact]
    public async Task CustomStatus_AndTags_AreStored()
    {
        await using var hub = await TestHub.StartAsync();
        var tags = new Dictionary<string, string> { ["team"] = "agents" };
        var instance = await hub.Client.CreateOrchestrationInstanceAsync(NameVersionHelper.GetDefaultName(typeof(Sleeper)), string.Empty, "tagged", 3600, tags);

        await WaitForStatusAsync(hub, "tagged", OrchestrationStatus.Running);
        var state = await hub.Client.GetOrchestrationStateAsync(instance);

        Assert.Equal("\"sleeping\"", state.Status);
        Assert.Equal("agents", state.Tags["team"]);
    }

    internal static Task WaitForStatusAsync(TestHub hub, string instanceId, OrchestrationStatus status) =>
        DurableAgents.Testing.TestDeadline.WaitUntilAsync(
            async () => (await hub.Client.GetOrchestrationStateAsync(instanceId))?.OrchestrationStatus == status,
            $"instance {instanceId} to be {status}");
}
