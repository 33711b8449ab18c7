using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Tests.Tools.BuiltIn.Time;

public class CurrentTimeToolTests
{
    private static readonly DateTimeOffset Fixed = new(2025, 3, 1, 14, 5, 9, 123, TimeSpan.Zero);

    [Fact]
    public void GetCurrentTime_ReturnsUtcIso8601FromTheTimeProvider()
    {
        var result = new CurrentTimeTool(new FixedClock(Fixed)).GetCurrentTime();
        Assert.Equal("2025-03-01T14:05:09Z", result.Utc);
        Assert.Equal("Saturday", result.UtcDayOfWeek);
        Assert.Null(result.TimeZone);
        Assert.Null(result.Local);
    }

    [Fact]
    public void GetCurrentTime_ConvertsToIanaZone()
    {
        var result = new CurrentTimeTool(new FixedClock(Fixed)).GetCurrentTime("Asia/Tokyo");
        Assert.Equal("2025-03-01T23:05:09+09:00", result.Local);
        Assert.Equal("Asia/Tokyo", result.TimeZone);
        Assert.Equal("Saturday", result.LocalDayOfWeek);
    }

    [Fact]
    public void GetCurrentTime_AppliesDaylightSavingOfTheZone()
    {
        var summer = new DateTimeOffset(2025, 7, 1, 12, 0, 0, TimeSpan.Zero);
        var result = new CurrentTimeTool(new FixedClock(summer)).GetCurrentTime("Europe/Paris");
        Assert.Equal("2025-07-01T14:00:00+02:00", result.Local);
    }

    [Fact]
    public void GetCurrentTime_ConvertsToWindowsZoneId()
    {
        var result = new CurrentTimeTool(new FixedClock(Fixed)).GetCurrentTime("W. Europe Standard Time");
        Assert.Equal("2025-03-01T15:05:09+01:00", result.Local);
    }

    [Fact]
    public void GetCurrentTime_LocalDayCanDifferFromUtcDay()
    {
        var result = new CurrentTimeTool(new FixedClock(Fixed)).GetCurrentTime("Pacific/Kiritimati");
        Assert.Equal("2025-03-02T04:05:09+14:00", result.Local);
        Assert.Equal("Sunday", result.LocalDayOfWeek);
    }

    [Fact]
    public void GetCurrentTime_RejectsUnknownZoneWithHint()
    {
        var ex = Assert.Throws<ToolException>(() => new CurrentTimeTool(new FixedClock(Fixed)).GetCurrentTime("Mars/Olympus"));
        Assert.Contains("Unknown time zone 'Mars/Olympus'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetCurrentTime_AcceptsUtcAsZone()
    {
        var result = new CurrentTimeTool(new FixedClock(Fixed)).GetCurrentTime("UTC");
        Assert.Equal("2025-03-01T14:05:09+00:00", result.Local);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
