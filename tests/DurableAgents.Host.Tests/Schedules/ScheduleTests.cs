using Microsoft.Extensions.Time.Testing;
using DurableAgents.Host.Hosting;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Runs;
using Microsoft.Extensions.Configuration;
using DurableAgents.Schedules;
using DurableAgents.Testing;

namespace DurableAgents.Host.Tests.Schedules;

public sealed class ScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, 500, TimeSpan.Zero);

    private static ScheduleDefinition EverySecond(string name, string input = "tick", ScheduleOverlapPolicy overlap = ScheduleOverlapPolicy.Allow) =>
        new() { Name = name, Agent = "worker", Input = input, Cron = "* * * * * *", Overlap = overlap };

    private static DateTime At(int second) => new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(second);

    [Fact]
    public async Task EverySecondSchedule_FiresOneRunPerOccurrence_WithDeterministicIds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await ScheduleHost.StartAsync(clock, null, EverySecond("sec"));

        for (var s = 1; s <= 3; s++)
        {
            await host.WaitForStatusAsync("sec", st => st.NextOccurrence == At(s), $"waiting for second {s}");
            clock.Advance(TimeSpan.FromSeconds(1));
            await host.WaitForStatusAsync("sec", st => st.Fired == s, $"fired {s}");
        }

        Assert.Equal(["sec-20260101T000001Z", "sec-20260101T000002Z", "sec-20260101T000003Z"], await host.RunIdsAsync("sec-"));
        Assert.All(await host.StartsOfCompletedRunsAsync("sec-"), run => Assert.Equal(1, run.Value));
    }

    [Fact]
    public async Task RestartedHost_KeepsTheScheduleAndNeverFiresAnOccurrenceTwice()
    {
        using var data = new TempFolder("da-sched");
        var clock = new FakeTimeProvider(Start);
        await using (var first = await ScheduleHost.StartAsync(clock, data.Path, EverySecond("restart")))
        {
            await first.WaitForStatusAsync("restart", st => st.NextOccurrence == At(1), "first wait");
            clock.Advance(TimeSpan.FromSeconds(1));
            await first.WaitForStatusAsync("restart", st => st.Fired == 1 && st.NextOccurrence == At(2), "fired once and waits again");
        }

        await using var second = await ScheduleHost.StartAsync(clock, data.Path, EverySecond("restart"));
        await second.WaitForStatusAsync("restart", st => st.NextOccurrence == At(2), "same schedule after restart");
        clock.Advance(TimeSpan.FromSeconds(1));
        var status = await second.WaitForStatusAsync("restart", st => st.Fired == 2, "fired the second occurrence");

        Assert.Equal(2, status.Fired);
        Assert.Equal(["restart-20260101T000001Z", "restart-20260101T000002Z"], await second.RunIdsAsync("restart-"));
        Assert.All(await second.StartsOfCompletedRunsAsync("restart-"), run => Assert.Equal(1, run.Value));
    }

    [Fact]
    public async Task AfterDowntime_OccurrencesInsideTheCatchUpWindowFireOnceEach_OlderOnesAreDropped()
    {
        using var data = new TempFolder("da-sched");
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero));
        var schedule = new ScheduleDefinition { Name = "catchup", Agent = "worker", Input = "tick", Cron = "0 * * * * *", Overlap = ScheduleOverlapPolicy.Allow, CatchUpWindow = TimeSpan.FromMinutes(5) };
        await using (var first = await ScheduleHost.StartAsync(clock, data.Path, schedule))
        {
            await first.WaitForStatusAsync("catchup", st => st.NextOccurrence == At(60), "waits for 00:01");
        }

        clock.Advance(TimeSpan.FromMinutes(10)); // down until 00:10:30

        await using var second = await ScheduleHost.StartAsync(clock, data.Path, schedule);
        await second.WaitForStatusAsync("catchup", st => st.NextOccurrence == At(11 * 60), "caught up and waits for 00:11");

        // Window 5 min + 1 min on-time tolerance before 00:10:30: 00:05 through 00:10.
        var expected = Enumerable.Range(5, 6).Select(m => $"catchup-20260101T00{m:00}00Z").ToList();
        Assert.Equal(expected, await second.RunIdsAsync("catchup-"));
    }

    [Fact]
    public async Task Pause_StopsFiring_AndResumeDoesNotCatchUpThePausedOccurrences()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await ScheduleHost.StartAsync(clock, null, EverySecond("pausable"));
        await host.WaitForStatusAsync("pausable", st => st.NextOccurrence == At(1), "active");

        Assert.Equal(ScheduleCommandResult.Accepted, await host.Schedules.SendAsync("pausable", ScheduleControl.Pause));
        await host.WaitForStatusAsync("pausable", st => st.State == "paused", "paused");
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(ScheduleCommandResult.Accepted, await host.Schedules.SendAsync("pausable", ScheduleControl.Resume));
        await host.WaitForStatusAsync("pausable", st => st.State == "active" && st.NextOccurrence == At(4), "active again, next at 00:00:04");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("pausable", st => st.Fired == 1, "fired after resume");

        Assert.Equal(["pausable-20260101T000004Z"], await host.RunIdsAsync("pausable-"));
        Assert.Equal(ScheduleCommandResult.NotFound, await host.Schedules.SendAsync("ghost", ScheduleControl.Pause));
    }

    [Fact]
    public async Task SkipPolicy_SkipsWhileThePreviousRunRuns()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await ScheduleHost.StartAsync(clock, null, EverySecond("skipper", "wait for go", ScheduleOverlapPolicy.Skip));
        await host.WaitForStatusAsync("skipper", st => st.NextOccurrence == At(1), "waiting");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("skipper", st => st.Fired == 1 && st.NextOccurrence == At(2), "first run started");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("skipper", st => st.Skipped == 1 && st.NextOccurrence == At(3), "second skipped");

        await host.Client.RaiseEventAsync("skipper-20260101T000001Z", "go", "now");
        await host.Client.WaitForInstanceCompletionAsync("skipper-20260101T000001Z", cancellation: TestDeadline.Token());
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("skipper", st => st.Fired == 2, "third fires");

        Assert.Equal(["skipper-20260101T000001Z", "skipper-20260101T000003Z"], await host.RunIdsAsync("skipper-"));
    }

    [Fact]
    public async Task SkipPolicy_CountsASuspendedRunAsRunning()
    {
        // The SDK's IsRunning is false for a suspended (or pending) run; the overlap policy must still see it as live.
        var clock = new FakeTimeProvider(Start);
        await using var host = await ScheduleHost.StartAsync(clock, null, EverySecond("paused-run", "wait for go", ScheduleOverlapPolicy.Skip));
        await host.WaitForStatusAsync("paused-run", st => st.NextOccurrence == At(1), "waiting");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("paused-run", st => st.Fired == 1 && st.NextOccurrence == At(2), "first run started");
        await host.Client.SuspendInstanceAsync("paused-run-20260101T000001Z", "testing the overlap policy");
        await TestDeadline.WaitUntilAsync(
            async () => (await host.Client.GetInstanceAsync("paused-run-20260101T000001Z"))?.RuntimeStatus == Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Suspended,
            "first run suspended");

        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("paused-run", st => st.Skipped == 1 && st.NextOccurrence == At(3), "second skipped");
        Assert.Equal(["paused-run-20260101T000001Z"], await host.RunIdsAsync("paused-run-"));
    }

    [Fact]
    public async Task BufferOnePolicy_KeepsOneOccurrenceAndStartsItWhenThePreviousRunEnds()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await ScheduleHost.StartAsync(clock, null, EverySecond("buffer", "wait for go", ScheduleOverlapPolicy.BufferOne));
        await host.WaitForStatusAsync("buffer", st => st.NextOccurrence == At(1), "waiting");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("buffer", st => st.Fired == 1 && st.NextOccurrence == At(2), "first run");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("buffer", st => st.Buffered == At(2) && st.NextOccurrence == At(3), "second buffered");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("buffer", st => st.Skipped == 1 && st.NextOccurrence == At(4), "third skipped (buffer full)");

        await host.Client.RaiseEventAsync("buffer-20260101T000001Z", "go", "now");
        await host.Client.WaitForInstanceCompletionAsync("buffer-20260101T000001Z", cancellation: TestDeadline.Token());
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("buffer", st => st.Fired == 2, "buffered run started");

        Assert.Contains("buffer-20260101T000002Z", await host.RunIdsAsync("buffer-"));
        Assert.DoesNotContain("buffer-20260101T000003Z", await host.RunIdsAsync("buffer-"));
    }

    [Fact]
    public async Task AScheduleWithAUser_StartsEachRunForThatUser()
    {
        var clock = new FakeTimeProvider(Start);
        await using var host = await ScheduleHost.StartAsync(clock, null, EverySecond("for-ada") with { User = "ada@example.com" });
        await host.WaitForStatusAsync("for-ada", st => st.NextOccurrence == At(1), "waiting");
        clock.Advance(TimeSpan.FromSeconds(1));
        await host.WaitForStatusAsync("for-ada", st => st.Fired == 1, "fired");

        var run = await host.Client.GetInstanceAsync("for-ada-20260101T000001Z", getInputsAndOutputs: true);
        Assert.Equal("ada@example.com", run!.ReadInputAs<AgentRunInput>()!.User);
    }

    [Fact]
    public void AUserKeyThatIsNotUsable_IsRefusedFromConfiguration_WithTheRule()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Schedules:nightly:agent"] = "worker",
            ["Schedules:nightly:input"] = "tick",
            ["Schedules:nightly:cron"] = "0 0 3 * * *",
            ["Schedules:nightly:user"] = "ada lovelace",
        }).Build();

        var refused = Assert.Throws<ArgumentException>(() => ScheduleConfigurationReader.Read(configuration.GetSection("Schedules")));
        Assert.Contains("Schedule 'nightly' has a 'user' that is not usable: The user key 'ada lovelace' is not valid", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonexistentLocalTime_OnSpringForward_FiresOnceAtTheEndOfTheGap()
    {
        // 2026-03-08 in New York: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist that day.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 8, 6, 0, 0, TimeSpan.Zero));
        var schedule = new ScheduleDefinition { Name = "dst", Agent = "worker", Input = "tick", Cron = "0 30 2 * * *", TimeZone = "America/New_York" };
        await using var host = await ScheduleHost.StartAsync(clock, null, schedule);

        await host.WaitForStatusAsync("dst", st => st.NextOccurrence == new DateTime(2026, 3, 8, 7, 0, 0, DateTimeKind.Utc), "next is 03:00 EDT");
        clock.Advance(TimeSpan.FromHours(1));
        await host.WaitForStatusAsync("dst", st => st.Fired == 1 && st.NextOccurrence == new DateTime(2026, 3, 9, 6, 30, 0, DateTimeKind.Utc), "fired once, next is 02:30 EDT tomorrow");

        Assert.Equal(["dst-20260308T070000Z"], await host.RunIdsAsync("dst-"));
    }
}
