using DurableAgents.DurableTask.Sqlite.Tests.Orchestrations;
using DurableAgents.DurableTask.Sqlite.Tests.Support;
using DurableTask.Core;
using Microsoft.Extensions.Time.Testing;

namespace DurableAgents.DurableTask.Sqlite.Tests;

public sealed class EdgeCaseTests
{
    [Fact]
    public async Task ScheduledStart_WaitsForItsTime_AndEventsRaisedBeforeItAreKept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var hub = await TestHub.StartAsync(s => s with { TimeProvider = clock });
        var instance = await hub.Client.CreateScheduledOrchestrationInstanceAsync(typeof(EventCollector), "later", 2, DateTime.UtcNow.AddHours(1));
        await hub.Client.RaiseEventAsync(instance, "e", "early");
        await hub.Client.RaiseEventAsync(instance, "e", "earlier-still-second");
        Assert.Null(await hub.Client.WaitForOrchestrationAsync(instance, TimeSpan.FromMilliseconds(300)));
        Assert.Equal(OrchestrationStatus.Pending, (await hub.Client.GetOrchestrationStateAsync("later"))!.OrchestrationStatus);

        clock.Advance(TimeSpan.FromHours(1.01));

        Assert.Equal("\"early,earlier-still-second\"", (await hub.WaitAsync(instance)).Output);
    }

    [Fact]
    public async Task MessagesToAFinishedInstance_AreDroppedQuietly()
    {
        await using var hub = await TestHub.StartAsync();
        var done = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "finished", 1);
        await hub.WaitAsync(done);

        await hub.Client.RaiseEventAsync(done, "e", "too late");
        await hub.Client.TerminateInstanceAsync(done, "too late");

        var state = await hub.Client.GetOrchestrationStateAsync("finished");
        Assert.Equal(OrchestrationStatus.Completed, state!.OrchestrationStatus);
        Assert.Equal("1", state.Output);
    }

    [Fact]
    public async Task SubOrchestration_WhoseIdIsTaken_FailsInTheParent()
    {
        await using var hub = await TestHub.StartAsync();
        var squatter = await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "taken-child", 1);
        await OrchestrationTests.WaitForStatusAsync(hub, "taken-child", OrchestrationStatus.Running);

        var parent = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Parent), "taken", 1);

        var output = (await hub.WaitAsync(parent)).Output;
        Assert.StartsWith("\"failed:", output, StringComparison.Ordinal);
        Assert.Contains("taken-child", output, StringComparison.Ordinal);
        Assert.Equal(OrchestrationStatus.Running, (await hub.Client.GetOrchestrationStateAsync("taken-child"))!.OrchestrationStatus);
        await hub.Client.TerminateInstanceAsync(squatter, "done");
    }

    [Fact]
    public async Task UnregisteredOrchestration_IsRetriedWithBackOff_WithoutStallingOthers()
    {
        await using var hub = await TestHub.StartAsync();
        var unknown = await hub.Client.CreateOrchestrationInstanceAsync("NoSuchOrchestration", string.Empty, "unknown-name", 1);

        var other = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Sequence), "unstalled", 20);

        Assert.Equal("20", (await hub.WaitAsync(other, seconds: 30)).Output);
        var state = await hub.Client.GetOrchestrationStateAsync("unknown-name");
        Assert.Equal(OrchestrationStatus.Pending, state!.OrchestrationStatus);
        Assert.Null(await hub.Client.WaitForOrchestrationAsync(unknown, TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task WithoutSessions_EveryEpisodeReplaysFromTheFile()
    {
        await using var hub = await TestHub.StartAsync(s => s with { ExtendedSessionsEnabled = false });
        var fan = await hub.Client.CreateOrchestrationInstanceAsync(typeof(FanOut), "nosession-fan", 50);
        var parent = await hub.Client.CreateOrchestrationInstanceAsync(typeof(Parent), "nosession-parent", 1);
        var events = await hub.Client.CreateOrchestrationInstanceAsync(typeof(EventCollector), "nosession-events", 3);
        foreach (var value in new[] { "x", "y", "z" })
        {
            await hub.Client.RaiseEventAsync(events, "e", value);
        }

        Assert.Equal(Enumerable.Range(1, 50).Sum().ToString(System.Globalization.CultureInfo.InvariantCulture), (await hub.WaitAsync(fan)).Output);
        Assert.Equal("\"ok:2\"", (await hub.WaitAsync(parent)).Output);
        Assert.Equal("\"x,y,z\"", (await hub.WaitAsync(events)).Output);
    }
}
