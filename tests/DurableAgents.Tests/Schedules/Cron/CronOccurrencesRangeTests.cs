using Cronos;
using DurableAgents.Schedules;
using static DurableAgents.Tests.Schedules.Cron.CronTestSupport;

namespace DurableAgents.Tests.Schedules.Cron;

public sealed class CronOccurrencesRangeTests
{
    [Fact]
    public void GetOccurrences_WeekdayMornings_InBerlinSummer()
    {
        // 2025-06-16 is a Monday; 09:00 CEST is 07:00Z.
        var hits = CronSchedule.Parse("0 0 9 * * MON-FRI")
            .Between(At("2025-06-15T00:00:00Z"), At("2025-06-22T00:00:00Z"), Zone("Europe/Berlin"));

        Assert.Equal(
            ["2025-06-16T07:00:00Z", "2025-06-17T07:00:00Z", "2025-06-18T07:00:00Z", "2025-06-19T07:00:00Z", "2025-06-20T07:00:00Z"],
            Format(hits));
    }

    [Fact]
    public void GetOccurrences_ExcludesFromAndIncludesTo()
    {
        var hits = CronSchedule.Parse("0 */15 * * * *")
            .Between(At("2025-06-18T10:00:00Z"), At("2025-06-18T10:45:00Z"), TimeZoneInfo.Utc);

        Assert.Equal(["2025-06-18T10:15:00Z", "2025-06-18T10:30:00Z", "2025-06-18T10:45:00Z"], Format(hits));
    }

    [Fact]
    public void GetOccurrences_FifteenSecondStepsOverAMinute()
    {
        var hits = CronSchedule.Parse("*/15 * * * * *")
            .Between(At("2025-06-18T10:00:00Z"), At("2025-06-18T10:01:00Z"), TimeZoneInfo.Utc);

        Assert.Equal(
            ["2025-06-18T10:00:15Z", "2025-06-18T10:00:30Z", "2025-06-18T10:00:45Z", "2025-06-18T10:01:00Z"],
            Format(hits));
    }

    [Fact]
    public void GetOccurrences_AcrossYearsForLeapDay()
    {
        var hits = CronSchedule.Parse("0 0 29 2 *")
            .Between(At("2023-01-01T00:00:00Z"), At("2033-01-01T00:00:00Z"), TimeZoneInfo.Utc);

        Assert.Equal(["2024-02-29T00:00:00Z", "2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"], Format(hits));
    }

    [Fact]
    public void GetOccurrences_EmptyWhenRangeHasNoMatch_RefusedWhenReversed()
    {
        var cron = CronSchedule.Parse("0 0 12 * * *");

        Assert.Empty(cron.Between(At("2025-06-18T12:00:00Z"), At("2025-06-19T11:59:59Z"), TimeZoneInfo.Utc));
        Assert.Throws<ArgumentException>(() => cron.Between(At("2025-06-19T00:00:00Z"), At("2025-06-18T00:00:00Z"), TimeZoneInfo.Utc).ToList());
        Assert.Empty(CronSchedule.Parse("0 0 30 2 *").Between(At("2025-01-01T00:00:00Z"), At("2035-01-01T00:00:00Z"), TimeZoneInfo.Utc));
    }

    [Fact]
    public void GetOccurrences_MatchesRepeatedGetNextOccurrence()
    {
        var cron = CronSchedule.Parse("0 7,23 */3 * * *");
        var zone = Zone("America/New_York");
        var from = At("2025-10-30T00:00:00Z");
        var to = At("2025-11-04T00:00:00Z");

        var expected = new List<DateTimeOffset>();
        for (var next = cron.GetNextOccurrence(from, zone); next is { } n && n <= to; next = cron.GetNextOccurrence(n, zone))
        {
            expected.Add(n);
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, cron.Between(from, to, zone));
        Assert.True(expected.Zip(expected.Skip(1)).All(pair => pair.First < pair.Second), "occurrences must strictly increase");
    }
}
