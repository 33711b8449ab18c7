using Cronos;
using DurableAgents.Schedules;
using static DurableAgents.Tests.Schedules.Cron.CronTestSupport;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>Transitions at midnight, a whole skipped day, and a change of standard offset.</summary>
public sealed class CronUnusualZoneTests
{
    [FactWhenZoneExists("Africa/Cairo")]
    public void SpringForwardAtMidnight_DailyMidnightRunStillFiresThatDay()
    {
        // Cairo 2025-04-25: 00:00 EET jumps to 01:00 EEST at 22:00Z on 04-24. The day must not be skipped.
        var hits = CronSchedule.Parse("0 0 0 * * *")
            .Between(At("2025-04-23T12:00:00Z"), At("2025-04-26T12:00:00Z"), Zone("Africa/Cairo"));

        Assert.Equal(["2025-04-23T22:00:00Z", "2025-04-24T22:00:00Z", "2025-04-25T21:00:00Z"], Format(hits));
    }

    [FactWhenZoneExists("Pacific/Apia")]
    public void WholeSkippedDay_FiresExactlyOnce_AndTheNextOccurrenceIsAYearLater()
    {
        // Samoa skipped 2011-12-30 entirely: 2011-12-29 24:00 (-10:00) became 2011-12-31 00:00 (+14:00) at 10:00Z on 12-30.
        // Cronos maps the missing 12-30 12:00 with the new offset (22:00Z on 12-29) and, asked again from there, answers the same
        // instant; NextAfter steps past it, so the schedule fires once and moves on.
        var cron = CronSchedule.Parse("0 0 12 30 12 *");
        var zone = Zone("Pacific/Apia");

        var first = cron.NextAfter(At("2011-12-29T00:00:00Z"), zone);
        var second = cron.NextAfter(first!.Value, zone);

        Assert.Equal(At("2011-12-29T22:00:00Z"), first);
        Assert.Equal(new DateTime(2012, 12, 30, 12, 0, 0), TimeZoneInfo.ConvertTime(second!.Value, zone).DateTime);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Tokyo")]
    [InlineData("UTC")]
    public void NextAfter_AtTheEndOfTheCalendar_IsNullInsteadOfThrowing(string zoneId)
    {
        var zone = Zone(zoneId);

        Assert.Equal(At("9999-12-30T12:00:01Z"), CronSchedule.Parse("* * * * * *").NextAfter(At("9999-12-30T12:00:00Z"), zone));
        Assert.Null(CronSchedule.Parse("* * * * * *").NextAfter(DateTimeOffset.MaxValue, zone));
        Assert.Null(CronSchedule.Parse("0 0 1 1 *").NextAfter(At("9999-06-01T00:00:00Z"), zone));
    }

    [FactWhenZoneExists("Europe/Moscow")]
    public void StandardOffsetMovedBack_FixedTimeFiresOnce_HourlyFiresOnceInTheRepeatedHour()
    {
        // Moscow 2014-10-26: 02:00 (+04:00) became 01:00 (+03:00) at 22:00Z on 10-25, a permanent change, not DST.
        var zone = Zone("Europe/Moscow");
        var from = At("2014-10-25T20:00:00Z");
        var to = At("2014-10-26T00:00:00Z");

        Assert.Equal(["2014-10-25T21:30:00Z"], Format(CronSchedule.Parse("0 30 1 * * *").Between(from, to, zone)));
        // Cronos keeps both passes of a repeated hour for interval schedules only when the repeat is a DST change; a change of
        // standard offset repeats 01:00-02:00 too, but an hourly schedule fires once in it (01:00 +04:00), then at 02:00 +03:00.
        Assert.Equal(
            ["2014-10-25T21:00:00Z", "2014-10-25T23:00:00Z"],
            Format(CronSchedule.Parse("0 0 * * * *").Between(At("2014-10-25T20:30:00Z"), At("2014-10-25T23:00:00Z"), zone)));
    }
}
