using DurableAgents.Schedules;

namespace DurableAgents.Tests.Schedules.Cron;

/// <summary>A bad expression is refused with a message that quotes it, says what is wrong, and shows what to write.</summary>
public sealed class CronParseErrorTests
{
    [Theory]
    [InlineData("0 24 * * *")]
    [InlineData("60 * * * * *")]
    [InlineData("60 * * * *")]
    [InlineData("0 0 0 * *")]
    [InlineData("0 0 32 * *")]
    [InlineData("0 0 * 13 *")]
    [InlineData("0 0 * 0 *")]
    [InlineData("0 0 * * 8")]
    [InlineData("0 1-24 * * *")]
    [InlineData("0 99999999999 * * *")]
    [InlineData("*/0 * * * *")]
    [InlineData("*/x * * * *")]
    [InlineData("5/ * * * *")]
    [InlineData("1- * * * *")]
    [InlineData("1,,2 * * * *")]
    [InlineData("abc * * * *")]
    [InlineData("0 0 * FOO *")]
    [InlineData("0 0 * * MONDAY")]
    [InlineData("0 JAN * * *")]
    [InlineData("@reboot")]
    [InlineData("@every 5m")]
    public void Parse_InvalidExpression_IsRejectedQuotingItAndShowingTheFormats(string expression)
    {
        Assert.False(CronSchedule.TryParse(expression, out var cron, out var error));
        Assert.Null(cron);
        Assert.Contains($"\"{expression}\" is not valid: ", error, StringComparison.Ordinal);
        Assert.Contains("6 fields (second minute hour day-of-month month day-of-week", error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => CronSchedule.Parse(expression));
        Assert.Equal(error, thrown.Message);
    }

    [Theory]
    [InlineData("0 24 * * *", "Hours")]
    [InlineData("60 * * * *", "Minutes")]
    [InlineData("0 0 * 13 *", "Months")]
    public void Parse_ValueOutOfRange_NamesTheField(string expression, string field)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.Contains(field, error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("* * * *", 4)]
    [InlineData("* * * * * * *", 7)]
    [InlineData("*", 1)]
    public void Parse_WrongFieldCount_SaysHowManyFieldsAndWhichAreExpected(string expression, int count)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.StartsWith($"The cron expression \"{expression}\" has {count} field{(count == 1 ? "" : "s")}; write 6 fields", error, StringComparison.Ordinal);
        Assert.Contains("5 fields (minute hour day-of-month month day-of-week", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_Empty_SaysTheExpressionIsEmpty(string? expression)
    {
        Assert.False(CronSchedule.TryParse(expression, out _, out var error));
        Assert.StartsWith("The cron expression is empty; write 6 fields", error, StringComparison.Ordinal);
    }
}
