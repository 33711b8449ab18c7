using DurableAgents.Schedules.Cron;
using static DurableAgents.Tests.Schedules.Cron.CronTestSupport;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>Transitions at midnight, a whole skipped day, and the ends of the calendar.</summary>
public sealed class CronUnusualZoneTests
{
    [FactWhenZoneExists("Africa/Cairo")]
    public void SpringForwardAtMidnight_DailyMidnightRunStillFiresThatDay()
    {
        // Cairo 2025-04-25: 00:00 EET jumps to 01:00 EEST at 22:00Z on 04-24. The day must not be skipped.
        var hits = CronExpression.Parse("0 0 0 * * *")
            .GetOccurrences(At("2025-04-23T12:00:00Z"), At("2025-04-26T12:00:00Z"), Zone("Africa/Cairo"));

        Assert.Equal(["2025-04-23T22:00:00Z", "2025-04-24T22:00:00Z", "2025-04-25T21:00:00Z"], Format(hits));
    }

    [FactWhenZoneExists("Pacific/Apia")]
    public void WholeSkippedDay_FiresOnceWhenTheGapEnds()
    {
        // Samoa skipped 2011-12-30 entirely: 2011-12-29 24:00 (-10:00) became 2011-12-31 00:00 (+14:00) at 10:00Z on 12-30.
        var next = CronExpression.Parse("0 0 12 30 12 *").GetNextOccurrence(At("2011-12-29T12:00:00Z"), Zone("Pacific/Apia"));

        Assert.Equal(At("2011-12-30T10:00:00Z"), next);
    }

    [FactWhenZoneExists("Europe/Moscow")]
    public void StandardOffsetMovedBack_OverlapFollowsTheSameRulesAsDst()
    {
        // Moscow 2014-10-26: 02:00 (+04:00) became 01:00 (+03:00) at 22:00Z on 10-25, a permanent change, not DST.
        var zone = Zone("Europe/Moscow");
        var from = At("2014-10-25T20:00:00Z");
        var to = At("2014-10-26T00:00:00Z");

        Assert.Equal(["2014-10-25T21:30:00Z"], Format(CronExpression.Parse("0 30 1 * * *").GetOccurrences(from, to, zone)));
        Assert.Equal(
            ["2014-10-25T21:00:00Z", "2014-10-25T22:00:00Z", "2014-10-25T23:00:00Z"],
            Format(CronExpression.Parse("0 0 * * * *").GetOccurrences(At("2014-10-25T20:30:00Z"), At("2014-10-25T23:00:00Z"), zone)));
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Tokyo")]
    [InlineData("UTC")]
    public void GetNextOccurrence_AtCalendarEnds_DoesNotThrow(string zoneId)
    {
        var cron = CronExpression.Parse("* * * * * *");
        var zone = Zone(zoneId);

        Assert.NotNull(cron.GetNextOccurrence(DateTimeOffset.MinValue, zone));
        Assert.Equal(At("9999-12-30T12:00:01Z"), cron.GetNextOccurrence(At("9999-12-30T12:00:00Z"), zone));
        Assert.Null(cron.GetNextOccurrence(DateTimeOffset.MaxValue, zone));
    }
}
