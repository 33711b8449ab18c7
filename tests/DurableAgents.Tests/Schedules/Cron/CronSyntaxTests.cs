using DurableAgents.Schedules;
using static DurableAgents.Tests.Schedules.Cron.CronTestSupport;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>The syntax schedules accept, checked by when they fire (5 or 6 fields, lists, ranges, steps, names, macros).</summary>
public sealed class CronSyntaxTests
{
    [Theory]
    [InlineData("5 10 * * *", "10:05")]
    [InlineData("1,2,3 10 * * *", "10:01,10:02,10:03")]
    [InlineData("10-13 10 * * *", "10:10,10:11,10:12,10:13")]
    [InlineData("*/15 10 * * *", "10:00,10:15,10:30,10:45")]
    [InlineData("5/20 10 * * *", "10:05,10:25,10:45")]
    [InlineData("10-30/10 10 * * *", "10:10,10:20,10:30")]
    [InlineData("1,5-7,40 10 * * *", "10:01,10:05,10:06,10:07,10:40")]
    [InlineData("05 10 * * *", "10:05")]
    [InlineData("0 0 9-11 * * *", "09:00,10:00,11:00")]
    public void FieldForms_FireAtTheExpectedMinutes(string expression, string expected)
    {
        var day = CronSchedule.Parse(expression).Between(At("2025-06-18T00:00:00Z"), At("2025-06-18T23:59:59Z"), TimeZoneInfo.Utc);

        Assert.Equal(expected.Split(','), day.Select(o => o.UtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0 0 1 jan,Mar,DEC *", "01,03,12")]
    [InlineData("0 0 1 JUN-AUG *", "06,07,08")]
    [InlineData("0 0 1 2-11/3 *", "02,05,08,11")]
    public void MonthNamesAndRanges_FireInTheExpectedMonths(string expression, string expected)
    {
        var year = CronSchedule.Parse(expression).Between(At("2025-01-01T00:00:00Z").AddTicks(-1), At("2025-12-31T23:59:59Z"), TimeZoneInfo.Utc);

        Assert.Equal(expected.Split(','), year.Select(o => o.UtcDateTime.ToString("MM", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("0 0 * * MON-FRI", "Monday,Tuesday,Wednesday,Thursday,Friday")]
    [InlineData("0 0 * * sun,Sat", "Sunday,Saturday")]
    [InlineData("0 0 * * 5-7", "Sunday,Friday,Saturday")]
    [InlineData("0 0 * * */2", "Sunday,Tuesday,Thursday,Saturday")]
    [InlineData("0 0 0 ? * 1/2", "Monday,Wednesday,Friday,Sunday")] // Cronos's day-of-week runs to 7 (Sunday again)
    public void DayOfWeekNamesAndNumbers_FireOnTheExpectedDays(string expression, string expected)
    {
        // 2025-06-01 is a Sunday.
        var week = CronSchedule.Parse(expression).Between(At("2025-05-31T23:00:00Z"), At("2025-06-07T23:00:00Z"), TimeZoneInfo.Utc);

        Assert.Equal(expected.Split(',').Order(), week.Select(o => o.DayOfWeek.ToString()).Order());
    }

    [Fact]
    public void FiveFields_FireOnWholeMinutes_SixFieldsReadSecondsFirst()
    {
        Assert.Equal(At("2025-06-18T10:01:00Z"), CronSchedule.Parse("* * * * *").GetNextOccurrence(At("2025-06-18T10:00:07Z"), TimeZoneInfo.Utc));
        Assert.Equal(At("2025-06-18T10:00:30Z"), CronSchedule.Parse("30 * * * * *").GetNextOccurrence(At("2025-06-18T10:00:07Z"), TimeZoneInfo.Utc));
        Assert.Equal(At("2025-06-18T10:00:08Z"), CronSchedule.Parse("* * * * * *").GetNextOccurrence(At("2025-06-18T10:00:07Z"), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("@yearly", "2026-01-01T00:00:00Z")]
    [InlineData("@annually", "2026-01-01T00:00:00Z")]
    [InlineData("@monthly", "2025-07-01T00:00:00Z")]
    [InlineData("@weekly", "2025-06-22T00:00:00Z")]
    [InlineData("@daily", "2025-06-19T00:00:00Z")]
    [InlineData("@midnight", "2025-06-19T00:00:00Z")]
    [InlineData("@hourly", "2025-06-18T11:00:00Z")]
    [InlineData("@every_minute", "2025-06-18T10:31:00Z")]
    [InlineData("@every_second", "2025-06-18T10:30:01Z")]
    public void Macros_FireAsTheirNamesSay(string macro, string expectedNext)
    {
        Assert.Equal(At(expectedNext), CronSchedule.Parse(macro).GetNextOccurrence(At("2025-06-18T10:30:00Z"), TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("  0 */5 * * * *  ")]
    [InlineData("0  */5\t* * * *")]
    public void ExtraWhitespace_IsTolerated(string expression)
    {
        Assert.True(CronSchedule.TryParse(expression, out var cron, out var error));
        Assert.Null(error);
        Assert.Equal(At("2025-06-18T10:05:00Z"), cron.GetNextOccurrence(At("2025-06-18T10:00:00Z"), TimeZoneInfo.Utc));
    }
}
