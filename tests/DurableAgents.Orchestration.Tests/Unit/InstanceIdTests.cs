using DurableAgents.Orchestration.Client;

namespace DurableAgents.Orchestration.Tests.Unit;

public sealed class InstanceIdTests
{
    [Theory]
    [InlineData("run-1")]
    [InlineData("schedule:daily-report")]
    [InlineData("daily-20260101T000000Z")]
    public void ValidIds_AreAccepted(string id) => Assert.True(InstanceIds.IsValid(id, out _));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("a/b", "contains '/'")]
    [InlineData("../etc", "contains '/'")]
    [InlineData("with space", "contains ' '")]
    public void InvalidIds_SayWhy(string id, string reason)
    {
        Assert.False(InstanceIds.IsValid(id, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongId_IsRejected()
    {
        Assert.False(InstanceIds.IsValid(new string('a', InstanceIds.MaxLength + 1), out var error));
        Assert.Contains("at most", error, StringComparison.Ordinal);
    }
}
