using Cronos;
using DurableAgents.Schedules;
using static DurableAgents.Tests.Schedules.Cron.CronTestSupport;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>
/// Evaluation in local time, including DST. 2025 transitions used here:
/// America/New_York springs forward 2025-03-09 02:00 EST -> 03:00 EDT (07:00Z) and falls back 2025-11-02 02:00 EDT -> 01:00 EST (06:00Z);
/// Europe/Berlin springs forward 2025-03-30 02:00 CET -> 03:00 CEST (01:00Z) and falls back 2025-10-26 03:00 CEST -> 02:00 CET (01:00Z).
/// </summary>
public sealed class CronTimeZoneTests
{
    private const string NewYork = "America/New_York";
    private const string Berlin = "Europe/Berlin";

    [Theory]
    [InlineData(Berlin, "2025-01-15T00:00:00Z", "2025-01-15T08:00:00Z")]
    [InlineData(Berlin, "2025-07-15T00:00:00Z", "2025-07-15T07:00:00Z")]
    [InlineData(NewYork, "2025-01-15T00:00:00Z", "2025-01-15T14:00:00Z")]
    [InlineData(NewYork, "2025-07-15T00:00:00Z", "2025-07-15T13:00:00Z")]
    public void GetNextOccurrence_EvaluatesFieldsInLocalTime(string zone, string from, string expected)
    {
        var next = CronSchedule.Parse("0 0 9 * * *").GetNextOccurrence(At(from), Zone(zone));

        Assert.Equal(At(expected), next);
        Assert.Equal(Zone(zone).GetUtcOffset(next!.Value), next.Value.Offset); // Cronos answers in the zone's offset
    }

    [Fact]
    public void GetNextOccurrence_LocalDayDiffersFromUtcDay()
    {
        // Monday 00:30 in Berlin (summer) is Sunday 22:30 UTC.
        var next = CronSchedule.Parse("30 0 * * MON").GetNextOccurrence(At("2025-06-01T12:00:00Z"), Zone(Berlin));

        Assert.Equal(At("2025-06-01T22:30:00Z"), next);
    }

    [Theory]
    [InlineData(NewYork, "2025-03-08T12:00:00Z", "2025-03-10T12:00:00Z", "2025-03-09T07:00:00Z", "2025-03-10T06:30:00Z")]
    [InlineData(Berlin, "2025-03-29T12:00:00Z", "2025-03-31T12:00:00Z", "2025-03-30T01:00:00Z", "2025-03-31T00:30:00Z")]
    public void SpringForward_FixedTimeInGap_FiresOnceWhenTheGapEnds(string zone, string from, string to, string onSwitchDay, string dayAfter)
    {
        var hits = CronSchedule.Parse("0 30 2 * * *").Between(At(from), At(to), Zone(zone));

        Assert.Equal([onSwitchDay, dayAfter], Format(hits));
    }

    [Theory]
    [InlineData("0 */30 * * * *", "2025-03-09T06:00:00Z", "2025-03-09T08:00:00Z",
        "2025-03-09T06:30:00Z,2025-03-09T07:00:00Z,2025-03-09T07:30:00Z,2025-03-09T08:00:00Z")]
    [InlineData("0 0 * * * *", "2025-03-09T05:30:00Z", "2025-03-09T09:00:00Z",
        "2025-03-09T06:00:00Z,2025-03-09T07:00:00Z,2025-03-09T08:00:00Z,2025-03-09T09:00:00Z")]
    [InlineData("0 15 * * * *", "2025-03-09T05:30:00Z", "2025-03-09T08:00:00Z",
        "2025-03-09T06:15:00Z,2025-03-09T07:00:00Z,2025-03-09T07:15:00Z")]
    [InlineData("0 0 2,3 * * *", "2025-03-09T00:00:00Z", "2025-03-09T12:00:00Z",
        "2025-03-09T07:00:00Z")]
    [InlineData("* * * * * *", "2025-03-09T06:59:58Z", "2025-03-09T07:00:02Z",
        "2025-03-09T06:59:59Z,2025-03-09T07:00:00Z,2025-03-09T07:00:01Z,2025-03-09T07:00:02Z")]
    public void SpringForward_SkippedTimesCollapseIntoOneOccurrenceAtGapEnd(string expression, string from, string to, string expected)
    {
        var hits = CronSchedule.Parse(expression).Between(At(from), At(to), Zone(NewYork));

        Assert.Equal(expected.Split(','), Format(hits));
    }

    [Fact]
    public void SpringForward_FromExactlyAtGapEnd_ReturnsTheNextRealOccurrence()
    {
        var next = CronSchedule.Parse("0 */30 * * * *").GetNextOccurrence(At("2025-03-09T07:00:00Z"), Zone(NewYork));

        Assert.Equal(At("2025-03-09T07:30:00Z"), next);
    }

    [Theory]
    [InlineData(NewYork, "0 30 1 * * *", "2025-11-01T12:00:00Z", "2025-11-03T12:00:00Z", "2025-11-02T05:30:00Z", "2025-11-03T06:30:00Z")]
    [InlineData(Berlin, "0 30 2 * * *", "2025-10-25T12:00:00Z", "2025-10-27T12:00:00Z", "2025-10-26T00:30:00Z", "2025-10-27T01:30:00Z")]
    public void FallBack_FixedTime_FiresOnlyInTheFirstDaylightPass(string zone, string expression, string from, string to, string onSwitchDay, string dayAfter)
    {
        var hits = CronSchedule.Parse(expression).Between(At(from), At(to), Zone(zone));

        Assert.Equal([onSwitchDay, dayAfter], Format(hits));
    }

    [Theory]
    [InlineData("2025-11-02T05:45:00Z")] // 01:45 EDT, first pass, after the 01:30 EDT run
    [InlineData("2025-11-02T06:10:00Z")] // 01:10 EST, second pass, before the repeated 01:30
    public void FallBack_FixedTime_DoesNotRepeatInTheSecondPass(string from)
    {
        var next = CronSchedule.Parse("0 30 1 * * *").GetNextOccurrence(At(from), Zone(NewYork));

        Assert.Equal(At("2025-11-03T06:30:00Z"), next);
    }

    [Theory]
    [InlineData(NewYork, "0 */30 * * * *", "2025-11-02T04:45:00Z", "2025-11-02T07:00:00Z",
        "2025-11-02T05:00:00Z,2025-11-02T05:30:00Z,2025-11-02T06:00:00Z,2025-11-02T06:30:00Z,2025-11-02T07:00:00Z")]
    [InlineData(Berlin, "0 */30 * * * *", "2025-10-25T23:45:00Z", "2025-10-26T02:00:00Z",
        "2025-10-26T00:00:00Z,2025-10-26T00:30:00Z,2025-10-26T01:00:00Z,2025-10-26T01:30:00Z,2025-10-26T02:00:00Z")]
    [InlineData(NewYork, "0 0 * * * *", "2025-11-02T04:30:00Z", "2025-11-02T07:30:00Z",
        "2025-11-02T05:00:00Z,2025-11-02T06:00:00Z,2025-11-02T07:00:00Z")]
    [InlineData(NewYork, "0 */30 1 * * *", "2025-11-02T04:00:00Z", "2025-11-02T12:00:00Z",
        "2025-11-02T05:00:00Z,2025-11-02T05:30:00Z,2025-11-02T06:00:00Z,2025-11-02T06:30:00Z")]
    [InlineData(NewYork, "0 0,30 1 * * *", "2025-11-02T04:00:00Z", "2025-11-02T12:00:00Z",
        "2025-11-02T05:00:00Z,2025-11-02T05:30:00Z")]
    [InlineData(NewYork, "* * * * * *", "2025-11-02T05:59:58Z", "2025-11-02T06:00:01Z",
        "2025-11-02T05:59:59Z,2025-11-02T06:00:00Z,2025-11-02T06:00:01Z")]
    public void FallBack_IntervalSchedules_KeepRealElapsedIntervalsThroughBothPasses(string zone, string expression, string from, string to, string expected)
    {
        var hits = CronSchedule.Parse(expression).Between(At(from), At(to), Zone(zone));

        Assert.Equal(expected.Split(','), Format(hits));
    }

    [Theory]
    [InlineData("2025-11-02T05:10:00Z", "2025-11-02T05:30:00Z")] // 01:10 EDT -> 01:30 EDT
    [InlineData("2025-11-02T05:40:00Z", "2025-11-02T06:00:00Z")] // 01:40 EDT -> 01:00 EST (wall clock goes back)
    [InlineData("2025-11-02T06:00:00Z", "2025-11-02T06:30:00Z")] // exactly on 01:00 EST -> 01:30 EST
    [InlineData("2025-11-02T06:10:00Z", "2025-11-02T06:30:00Z")] // 01:10 EST -> 01:30 EST
    [InlineData("2025-11-02T06:40:00Z", "2025-11-02T07:00:00Z")] // 01:40 EST -> 02:00 EST
    public void FallBack_IntervalSchedule_StartingInsideTheRepeatedHour_FindsTheNextRealInstant(string from, string expected)
    {
        var next = CronSchedule.Parse("0 */30 * * * *").GetNextOccurrence(At(from), Zone(NewYork));

        Assert.Equal(At(expected), next);
    }

    [Fact]
    public void FallBack_HourlyFromFirstPass_NextIsTheRepeatedHourNotTwoHoursLater()
    {
        var next = CronSchedule.Parse("0 0 * * * *").GetNextOccurrence(At("2025-11-02T05:30:00Z"), Zone(NewYork));

        Assert.Equal(At("2025-11-02T06:00:00Z"), next);
    }
}
