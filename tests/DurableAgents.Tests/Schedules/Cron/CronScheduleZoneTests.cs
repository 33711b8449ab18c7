using Cronos;
using DurableAgents.Schedules;

namespace DurableAgents.Tests.Schedules.Cron;

public sealed class CronScheduleZoneTests
{
    private static readonly DateTime Summer = new(2025, 7, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Winter = new(2025, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("UTC")]
    [InlineData("utc")]
    public void Resolve_EmptyOrUtc_ReturnsUtc(string? id)
    {
        Assert.Same(TimeZoneInfo.Utc, CronSchedule.ResolveZone(id));
    }

    [Theory]
    [InlineData("Europe/Berlin", 1, 2)]
    [InlineData("America/New_York", -5, -4)]
    [InlineData("Asia/Tokyo", 9, 9)]
    public void Resolve_IanaId_ReturnsZoneWithItsOffsets(string id, int winterHours, int summerHours)
    {
        var zone = CronSchedule.ResolveZone(id);

        Assert.Equal(TimeSpan.FromHours(winterHours), zone.GetUtcOffset(Winter));
        Assert.Equal(TimeSpan.FromHours(summerHours), zone.GetUtcOffset(Summer));
    }

    [Theory]
    [InlineData("W. Europe Standard Time", 1, 2)]
    [InlineData("Eastern Standard Time", -5, -4)]
    public void Resolve_WindowsId_ReturnsEquivalentZone(string id, int winterHours, int summerHours)
    {
        var zone = CronSchedule.ResolveZone(id);

        Assert.Equal(TimeSpan.FromHours(winterHours), zone.GetUtcOffset(Winter));
        Assert.Equal(TimeSpan.FromHours(summerHours), zone.GetUtcOffset(Summer));
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Not A Zone")]
    public void Resolve_UnknownId_ThrowsArgumentExceptionWithExample(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => CronSchedule.ResolveZone(id));

        Assert.Equal("id", ex.ParamName);
        Assert.Contains($"'{id}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Europe/Berlin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolve_UnknownId_ReturnsFalse()
    {
        Assert.False(CronSchedule.TryResolveZone("Mars/Olympus_Mons", out var zone));
        Assert.Null(zone);
    }
}
