using DurableAgents.Schedules.Cron;

namespace DurableAgents.Tests.Schedules.Cron;

public sealed class CronParseErrorTests
{
    [Theory]
    [InlineData("0 24 * * *", "Cron field 'hour' value 24 is out of range 0-23 in \"0 24 * * *\"")]
    [InlineData("60 * * * * *", "Cron field 'second' value 60 is out of range 0-59 in \"60 * * * * *\"")]
    [InlineData("60 * * * *", "Cron field 'minute' value 60 is out of range 0-59 in \"60 * * * *\"")]
    [InlineData("0 0 0 * *", "Cron field 'day-of-month' value 0 is out of range 1-31 in \"0 0 0 * *\"")]
    [InlineData("0 0 32 * *", "Cron field 'day-of-month' value 32 is out of range 1-31 in \"0 0 32 * *\"")]
    [InlineData("0 0 * 13 *", "Cron field 'month' value 13 is out of range 1-12 or JAN-DEC in \"0 0 * 13 *\"")]
    [InlineData("0 0 * 0 *", "Cron field 'month' value 0 is out of range 1-12 or JAN-DEC in \"0 0 * 0 *\"")]
    [InlineData("0 0 * * 8", "Cron field 'day-of-week' value 8 is out of range 0-7 or SUN-SAT in \"0 0 * * 8\"")]
    [InlineData("0 1-24 * * *", "Cron field 'hour' value 24 is out of range 0-23 in \"0 1-24 * * *\"")]
    [InlineData("0 99999999999 * * *", "Cron field 'hour' value 99999999999 is out of range 0-23 in \"0 99999999999 * * *\"")]
    public void Parse_ValueOutOfRange_NamesFieldValueAndRange(string expression, string message)
    {
        AssertRejected(expression, message);
    }

    [Theory]
    [InlineData("* * * *", 4)]
    [InlineData("* * * * * * *", 7)]
    [InlineData("*", 1)]
    public void Parse_WrongFieldCount_SaysFiveOrSixFieldsExpected(string expression, int count)
    {
        var plural = count == 1 ? "field" : "fields";
        AssertRejected(
            expression,
            $"Cron expression \"{expression}\" has {count} {plural}; expected 5 fields (minute hour day-of-month month day-of-week) " +
            "or 6 fields (second minute hour day-of-month month day-of-week).");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Empty_SaysExpressionIsEmpty(string expression)
    {
        var ex = Assert.Throws<FormatException>(() => CronExpression.Parse(expression));
        Assert.StartsWith("Cron expression is empty; expected 5 fields", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*/0 * * * *", "Cron field 'minute' step 0 is out of range 1-60 in \"*/0 * * * *\"")]
    [InlineData("*/61 * * * *", "Cron field 'minute' step 61 is out of range 1-60 in \"*/61 * * * *\"")]
    [InlineData("0 */25 * * *", "Cron field 'hour' step 25 is out of range 1-24 in \"0 */25 * * *\"")]
    [InlineData("*/x * * * *", "Cron field 'minute' step 'x' is not a positive whole number; write e.g. '*/5' in \"*/x * * * *\"")]
    [InlineData("5/ * * * *", "Cron field 'minute' step '' is not a positive whole number; write e.g. '*/5' in \"5/ * * * *\"")]
    public void Parse_BadStep_IsRejected(string expression, string message)
    {
        AssertRejected(expression, message);
    }

    [Theory]
    [InlineData("30-10 * * * *", "Cron field 'minute' range 30-10 is reversed; write the smaller value first (10-30) in \"30-10 * * * *\"")]
    [InlineData("0 0 * * FRI-MON", "Cron field 'day-of-week' range FRI-MON is reversed; write the smaller value first (MON-FRI) in \"0 0 * * FRI-MON\"")]
    [InlineData("1- * * * *", "Cron field 'minute' has a range or step with a missing value; write e.g. '1-5' or '*/5' in \"1- * * * *\"")]
    [InlineData("1,,2 * * * *", "Cron field 'minute' has an empty list item in '1,,2'; remove the extra comma in \"1,,2 * * * *\"")]
    [InlineData("abc * * * *", "Cron field 'minute' value 'abc' is not a number; allowed values are 0-59 in \"abc * * * *\"")]
    [InlineData("+5 * * * *", "Cron field 'minute' value '+5' is not a number; allowed values are 0-59 in \"+5 * * * *\"")]
    [InlineData("0 0 * FOO *", "Cron field 'month' value 'FOO' is not a number or name; allowed values are 1-12 or JAN-DEC in \"0 0 * FOO *\"")]
    [InlineData("0 0 * * MONDAY", "Cron field 'day-of-week' value 'MONDAY' is not a number or name; allowed values are 0-7 or SUN-SAT in \"0 0 * * MONDAY\"")]
    [InlineData("0 JAN * * *", "Cron field 'hour' value 'JAN' is not a number; allowed values are 0-23 in \"0 JAN * * *\"")]
    public void Parse_MalformedValue_IsRejected(string expression, string message)
    {
        AssertRejected(expression, message);
    }

    [Theory]
    [InlineData("? * * * *", "minute")]
    [InlineData("0 0 0 * ? *", "month")]
    public void Parse_QuestionMarkOutsideDayFields_IsRejected(string expression, string field)
    {
        AssertRejected(
            expression,
            $"Cron field '{field}' uses '?', which is only allowed in day-of-month and day-of-week; use '*' in \"{expression}\"");
    }

    [Fact]
    public void Parse_QuestionMarkInsideList_IsRejected()
    {
        AssertRejected(
            "0 0 1,? * *",
            "Cron field 'day-of-month' cannot combine '?' with other values; use '?' on its own in \"0 0 1,? * *\"");
    }

    [Theory]
    [InlineData("0 0 L * *", "day-of-month", 'L', "L")]
    [InlineData("0 0 L-3 * *", "day-of-month", 'L', "L")]
    [InlineData("0 0 15W * *", "day-of-month", 'W', "15W")]
    [InlineData("0 0 LW * *", "day-of-month", 'L', "LW")]
    [InlineData("0 0 * * 5L", "day-of-week", 'L', "5L")]
    [InlineData("0 0 * * 6#3", "day-of-week", '#', "6#3")]
    public void Parse_QuartzSpecials_AreRejectedAsNotSupported(string expression, string field, char symbol, string token)
    {
        AssertRejected(
            expression,
            $"Cron field '{field}' uses '{symbol}' in '{token}', which is not supported (L, W and # are not supported); " +
            $"list the days explicitly in \"{expression}\"");
    }

    [Theory]
    [InlineData("@reboot")]
    [InlineData("@every 5m")]
    public void Parse_UnknownMacro_ListsSupportedMacros(string expression)
    {
        AssertRejected(
            expression,
            $"Cron macro \"{expression}\" is not supported; use one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly.");
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => CronExpression.Parse(null!));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalseWithMessage()
    {
        Assert.False(CronExpression.TryParse(null, out var cron, out var error));
        Assert.Null(cron);
        Assert.Contains("empty", error, StringComparison.Ordinal);
    }

    // Parse and TryParse must agree on the message so callers can use either.
    private static void AssertRejected(string expression, string message)
    {
        Assert.False(CronExpression.TryParse(expression, out var cron, out var error));
        Assert.Null(cron);
        Assert.Equal(message, error);

        var ex = Assert.Throws<FormatException>(() => CronExpression.Parse(expression));
        Assert.Equal(message, ex.Message);
    }
}
