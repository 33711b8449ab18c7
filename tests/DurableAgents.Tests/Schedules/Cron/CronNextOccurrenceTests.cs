using Cronos;
using DurableAgents.Schedules;
using static DurableAgents.Tests.Schedules.Cron.CronTestSupport;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>Next-occurrence search in UTC: field jumps, calendar edges and strictly-after semantics.</summary>
public sealed class CronNextOccurrenceTests
{
    [Theory]
    [InlineData("*/15 * * * * *", "2025-06-18T10:00:07Z", "2025-06-18T10:00:15Z")]
    [InlineData("*/15 * * * * *", "2025-06-18T10:00:45Z", "2025-06-18T10:01:00Z")]
    [InlineData("* * * * * *", "2025-06-18T10:00:07Z", "2025-06-18T10:00:08Z")]
    [InlineData("* * * * *", "2025-06-18T10:00:07Z", "2025-06-18T10:01:00Z")]
    [InlineData("0 30 9 * * *", "2025-06-18T09:30:00Z", "2025-06-19T09:30:00Z")]
    [InlineData("0 30 9 * * *", "2025-06-18T09:29:59Z", "2025-06-18T09:30:00Z")]
    [InlineData("15 * * * *", "2025-06-18T10:16:00Z", "2025-06-18T11:15:00Z")]
    [InlineData("15 10 * * *", "2025-06-18T10:16:00Z", "2025-06-19T10:15:00Z")]
    [InlineData("0 0 12 * * MON-FRI", "2025-06-20T13:00:00Z", "2025-06-23T12:00:00Z")]
    [InlineData("0 0 1-5/2 * * *", "2025-06-18T01:00:00Z", "2025-06-18T03:00:00Z")]
    [InlineData("0 0 1-5/2 * * *", "2025-06-18T05:00:00Z", "2025-06-19T01:00:00Z")]
    [InlineData("0 0 * JUN,DEC *", "2025-06-30T23:00:00Z", "2025-12-01T00:00:00Z")]
    public void GetNextOccurrence_JumpsToNextMatchingTime(string expression, string from, string expected)
    {
        Assert.Equal(At(expected), Next(expression, from));
    }

    [Theory]
    [InlineData("*/15 * * * * *", "2025-06-18T10:00:15Z", "2025-06-18T10:00:30Z")]
    [InlineData("0 0 * * *", "2025-06-18T00:00:00Z", "2025-06-19T00:00:00Z")]
    [InlineData("@yearly", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    public void GetNextOccurrence_FromExactlyOnAnOccurrence_ReturnsTheFollowingOne(string expression, string from, string expected)
    {
        Assert.Equal(At(expected), Next(expression, from));
    }

    [Fact]
    public void GetNextOccurrence_FromWithFractionalSeconds_ReturnsNextWholeSecondMatch()
    {
        var from = At("2025-06-18T10:00:14Z").AddMilliseconds(999);
        var justAfter = At("2025-06-18T10:00:15Z").AddTicks(1);

        Assert.Equal(At("2025-06-18T10:00:15Z"), CronSchedule.Parse("*/15 * * * * *").GetNextOccurrence(from, TimeZoneInfo.Utc));
        Assert.Equal(At("2025-06-18T10:00:30Z"), CronSchedule.Parse("*/15 * * * * *").GetNextOccurrence(justAfter, TimeZoneInfo.Utc));
    }

    [Fact]
    public void GetNextOccurrence_ReturnsUtcOffset_ForInputWithOtherOffset()
    {
        var from = new DateTimeOffset(2025, 6, 18, 12, 0, 0, TimeSpan.FromHours(2)); // 10:00Z

        var next = CronSchedule.Parse("0 30 10 * * *").GetNextOccurrence(from, TimeZoneInfo.Utc);

        Assert.Equal(TimeSpan.Zero, next!.Value.Offset);
        Assert.Equal(At("2025-06-18T10:30:00Z"), next);
    }

    [Theory]
    [InlineData("0 0 29 2 *", "2025-01-01T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 0 29 2 *", "2024-02-29T00:00:00Z", "2028-02-29T00:00:00Z")]
    [InlineData("0 0 29 2 *", "2096-03-01T00:00:00Z", "2104-02-29T00:00:00Z")]
    [InlineData("0 0 31 * *", "2025-04-01T00:00:00Z", "2025-05-31T00:00:00Z")]
    [InlineData("0 0 31 * *", "2025-01-31T00:00:00Z", "2025-03-31T00:00:00Z")]
    [InlineData("0 0 30 * *", "2025-01-30T00:00:00Z", "2025-03-30T00:00:00Z")]
    [InlineData("0 0 29 * *", "2025-01-29T00:00:00Z", "2025-03-29T00:00:00Z")]
    [InlineData("0 0 29 * *", "2024-01-29T00:00:00Z", "2024-02-29T00:00:00Z")]
    public void GetNextOccurrence_HandlesMonthEndsAndLeapYears(string expression, string from, string expected)
    {
        Assert.Equal(At(expected), Next(expression, from));
    }

    [Theory]
    [InlineData("0 0 1 1 *", "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z")]
    [InlineData("59 23 31 12 *", "2025-12-31T23:59:00Z", "2026-12-31T23:59:00Z")]
    [InlineData("* * * * * *", "2025-12-31T23:59:59Z", "2026-01-01T00:00:00Z")]
    [InlineData("0 0 0 * JAN *", "2025-02-01T00:00:00Z", "2026-01-01T00:00:00Z")]
    public void GetNextOccurrence_RollsOverIntoNextYear(string expression, string from, string expected)
    {
        Assert.Equal(At(expected), Next(expression, from));
    }

    [Theory]
    [InlineData("0 0 30 2 *")]
    [InlineData("0 0 31 2 *")]
    [InlineData("0 0 31 4,6,9,11 *")]
    [InlineData("0 0 0 30,31 FEB ?")]
    public void GetNextOccurrence_ImpossibleDate_ReturnsNull(string expression)
    {
        Assert.Null(Next(expression, "2025-01-01T00:00:00Z"));
    }

    [Fact]
    public void GetNextOccurrence_BothDayFieldsRestricted_MatchesOnlyDaysThatFitBoth()
    {
        // Cronos (like NCrontab, unlike Vixie cron's OR) needs both fields: Friday the 13th.
        var cron = CronSchedule.Parse("0 0 13 * FRI");

        var hits = cron.Between(At("2025-06-01T00:00:00Z"), At("2026-03-31T00:00:00Z"), TimeZoneInfo.Utc);

        Assert.Equal(["2025-06-13T00:00:00Z", "2026-02-13T00:00:00Z", "2026-03-13T00:00:00Z"], Format(hits));
    }

    [Theory]
    [InlineData("0 0 * * MON", "2025-06-02T00:00:00Z")]
    [InlineData("0 0 0 ? * MON", "2025-06-02T00:00:00Z")]
    [InlineData("0 0 10 * *", "2025-06-10T00:00:00Z")]
    [InlineData("0 0 0 10 * ?", "2025-06-10T00:00:00Z")]
    [InlineData("0 0 * * */2", "2025-06-03T00:00:00Z")]
    public void GetNextOccurrence_OnlyOneDayFieldRestricted_UsesThatField(string expression, string expected)
    {
        Assert.Equal(At(expected), Next(expression, "2025-06-01T12:00:00Z"));
    }

    [Theory]
    [InlineData("0 0 * * 0")]
    [InlineData("0 0 * * 7")]
    [InlineData("0 0 * * SUN")]
    [InlineData("0 0 * * sun")]
    public void GetNextOccurrence_ZeroAndSevenAreBothSunday(string expression)
    {
        // 2025-06-01 is a Sunday.
        Assert.Equal(At("2025-06-01T00:00:00Z"), Next(expression, "2025-05-30T12:00:00Z"));
    }

    [Fact]
    public void GetNextOccurrence_NullZone_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => CronSchedule.Parse("* * * * *").GetNextOccurrence(DateTimeOffset.UnixEpoch, null!));
    }

    private static DateTimeOffset? Next(string expression, string from) =>
        CronSchedule.Parse(expression).GetNextOccurrence(At(from), TimeZoneInfo.Utc);
}
