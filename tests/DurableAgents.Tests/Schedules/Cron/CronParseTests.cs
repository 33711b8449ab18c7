using DurableAgents.Schedules.Cron;
using static DurableAgents.Tests.Schedules.Cron.CronTestSupport;

namespace DurableAgents.Tests.Schedules.Cron;

public sealed class CronParseTests
{
    [Theory]
    [InlineData("5 * * * *", "5")]
    [InlineData("1,2,3 * * * *", "1,2,3")]
    [InlineData("10-15 * * * *", "10,11,12,13,14,15")]
    [InlineData("*/15 * * * *", "0,15,30,45")]
    [InlineData("5/20 * * * *", "5,25,45")]
    [InlineData("10-30/10 * * * *", "10,20,30")]
    [InlineData("1,5-7,*/20 * * * *", "0,1,5,6,7,20,40")]
    [InlineData("05 * * * *", "5")]
    [InlineData("*/60 * * * *", "0")]
    [InlineData("59 * * * *", "59")]
    public void Parse_MinuteFieldSyntaxForms_ExpandToExpectedValues(string expression, string expected)
    {
        var cron = CronExpression.Parse(expression);

        Assert.Equal(ParseList(expected), Values(cron.Minute));
    }

    [Fact]
    public void Parse_StarInMinuteField_MatchesAllSixtyMinutes()
    {
        Assert.Equal(Enumerable.Range(0, 60), Values(CronExpression.Parse("* * * * *").Minute));
    }

    [Theory]
    [InlineData("0 0 * JAN *", "1")]
    [InlineData("0 0 * jan,Mar,DEC *", "1,3,12")]
    [InlineData("0 0 * JUN-AUG *", "6,7,8")]
    [InlineData("0 0 * 2-11/3 *", "2,5,8,11")]
    [InlineData("0 0 * */4 *", "1,5,9")]
    [InlineData("0 0 * 1,feb *", "1,2")]
    public void Parse_MonthFieldAcceptsNumbersAndNames(string expression, string expected)
    {
        Assert.Equal(ParseList(expected), Values(CronExpression.Parse(expression).Month));
    }

    [Theory]
    [InlineData("0 0 * * 0", "0")]
    [InlineData("0 0 * * 7", "0")]
    [InlineData("0 0 * * SUN", "0")]
    [InlineData("0 0 * * sun,Sat", "0,6")]
    [InlineData("0 0 * * MON-FRI", "1,2,3,4,5")]
    [InlineData("0 0 * * 5-7", "0,5,6")]
    [InlineData("0 0 * * 0-7", "0,1,2,3,4,5,6")]
    [InlineData("0 0 * * */2", "0,2,4,6")]
    [InlineData("0 0 * * 1/2", "1,3,5")]
    [InlineData("0 0 * * *", "0,1,2,3,4,5,6")]
    [InlineData("0 0 * * ?", "0,1,2,3,4,5,6")]
    public void Parse_DayOfWeekAcceptsNamesAndBothSundays(string expression, string expected)
    {
        Assert.Equal(ParseList(expected), Values(CronExpression.Parse(expression).DayOfWeek));
    }

    [Fact]
    public void Parse_FiveFields_SetsSecondsToZero()
    {
        var cron = CronExpression.Parse("*/5 * * * *");

        Assert.False(cron.HasSeconds);
        Assert.Equal([0], Values(cron.Second));
        Assert.Equal([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55], Values(cron.Minute));
    }

    [Fact]
    public void Parse_SixFields_ReadsSecondsFirst()
    {
        var cron = CronExpression.Parse("*/15 30 9 * * *");

        Assert.True(cron.HasSeconds);
        Assert.Equal([0, 15, 30, 45], Values(cron.Second));
        Assert.Equal([30], Values(cron.Minute));
        Assert.Equal([9], Values(cron.Hour));
    }

    [Theory]
    [InlineData("* * * * *", true, true)]
    [InlineData("0 0 ? * MON", true, false)]
    [InlineData("0 0 1 * ?", false, true)]
    [InlineData("0 0 */2 * MON", false, false)]
    [InlineData("0 0 1-31 * 0-6", false, false)]
    public void Parse_OnlyBareStarOrQuestionMarkLeavesDayFieldsUnrestricted(string expression, bool domFree, bool dowFree)
    {
        var cron = CronExpression.Parse(expression);

        Assert.Equal(domFree, cron.DayOfMonth.IsUnrestricted);
        Assert.Equal(dowFree, cron.DayOfWeek.IsUnrestricted);
    }

    [Theory]
    [InlineData("0 */30 * * * *", true)]
    [InlineData("0 0 * * * *", true)]
    [InlineData("* 30 1 * * *", true)]
    [InlineData("0 */30 1 * * *", true)]
    [InlineData("*/10 * * * *", true)]
    [InlineData("0 30 1 * * *", false)]
    [InlineData("0 0,30 1 * * *", false)]
    [InlineData("30 2 * * *", false)]
    [InlineData("@daily", false)]
    [InlineData("@hourly", true)]
    public void IsIntervalSchedule_IsTrueWhenSecondMinuteOrHourUsesStar(string expression, bool expected)
    {
        Assert.Equal(expected, CronExpression.Parse(expression).IsIntervalSchedule);
    }

    [Theory]
    [InlineData("  0  0\t* *   *  ")]
    [InlineData("0 0 * * *")]
    public void Parse_ToleratesExtraWhitespace_AndToStringReturnsTrimmedOriginal(string expression)
    {
        var cron = CronExpression.Parse(expression);

        Assert.Equal(expression.Trim(), cron.ToString());
        Assert.Equal([0], Values(cron.Hour));
    }

    [Theory]
    [InlineData("*/15 * * * * *")]
    [InlineData("0 0 9 * * MON-FRI")]
    [InlineData("@Weekly")]
    public void ToString_ReturnsOriginalExpression(string expression)
    {
        Assert.Equal(expression, CronExpression.Parse(expression).ToString());
    }

    [Theory]
    [InlineData("@yearly", "2026-01-01T00:00:00Z")]
    [InlineData("@annually", "2026-01-01T00:00:00Z")]
    [InlineData("@monthly", "2025-07-01T00:00:00Z")]
    [InlineData("@weekly", "2025-06-22T00:00:00Z")]
    [InlineData("@daily", "2025-06-19T00:00:00Z")]
    [InlineData("@midnight", "2025-06-19T00:00:00Z")]
    [InlineData("@hourly", "2025-06-18T11:00:00Z")]
    [InlineData("@HOURLY", "2025-06-18T11:00:00Z")]
    public void Parse_Macros_ExpandToTheirSchedules(string macro, string expectedNext)
    {
        // 2025-06-18 is a Wednesday.
        var next = CronExpression.Parse(macro).GetNextOccurrence(At("2025-06-18T10:20:00Z"), TimeZoneInfo.Utc);

        Assert.Equal(At(expectedNext), next);
    }

    [Fact]
    public void TryParse_ValidExpression_ReturnsTrueWithoutError()
    {
        Assert.True(CronExpression.TryParse("0 0 * * *", out var cron, out var error));
        Assert.NotNull(cron);
        Assert.Null(error);
    }
}
