using DurableAgents.Orchestration.AzureStorage.Messaging;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Unit;

public sealed class TimerHopsTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan SevenDays = TimeSpan.FromDays(7);

    [Fact]
    public void Delay_IsNullForMessagesThatAreDueOrHaveNoTime()
    {
        Assert.Null(TimerHops.Delay(null, Now, SevenDays));
        Assert.Null(TimerHops.Delay(Now, Now, SevenDays));
        Assert.Null(TimerHops.Delay(Now.AddSeconds(-5), Now, SevenDays));
    }

    [Fact]
    public void Delay_CapsLongTimersAtOneHop()
    {
        Assert.Equal(SevenDays, TimerHops.Delay(Now.AddDays(30), Now, SevenDays));
        Assert.Equal(TimeSpan.FromSeconds(1), TimerHops.Delay(Now.AddDays(30), Now, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Delay_RoundsDownToWholeSecondsSoItIsNeverLate()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), TimerHops.Delay(Now.AddMilliseconds(2700), Now, SevenDays));
        Assert.Equal(TimeSpan.Zero, TimerHops.Delay(Now.AddMilliseconds(300), Now, SevenDays));
    }

    [Fact]
    public void ShouldHold_OnlyWhenDueWithinTheWindow()
    {
        Assert.True(TimerHops.ShouldHold(Now.AddSeconds(3), Now, TimeSpan.FromSeconds(5)));
        Assert.False(TimerHops.ShouldHold(Now.AddDays(8), Now, TimeSpan.FromSeconds(5)));
    }
}
