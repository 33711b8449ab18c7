namespace DurableAgents.Orchestration.AzureStorage.Tests.Unit;

public sealed class OptionsValidationTests
{
    private static AzureStorageOrchestrationOptions Valid() => new() { ConnectionString = "UseDevelopmentStorage=true", TaskHubName = "hub1" };

    [Fact]
    public void Validate_AcceptsDefaultsWithAConnection() => Valid().Validate();

    [Theory]
    [InlineData("ab")]
    [InlineData("MyHub")]
    [InlineData("my-hub")]
    [InlineData("1hub")] // table names must start with a letter
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijabcdef")]
    public void Validate_RejectsBadTaskHubNames(string name)
    {
        var options = Valid();
        options.TaskHubName = name;

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("3 to 45 lowercase letters and digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RequiresAConnection()
    {
        var error = Assert.Throws<ArgumentException>(() => new AzureStorageOrchestrationOptions().Validate());
        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RejectsOutOfRangeSettings()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => { var o = Valid(); o.PartitionCount = 0; o.Validate(); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { var o = Valid(); o.LeaseDuration = TimeSpan.FromSeconds(5); o.Validate(); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { var o = Valid(); o.LeaseRenewInterval = TimeSpan.FromSeconds(15); o.Validate(); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { var o = Valid(); o.MaxTimerHop = TimeSpan.FromDays(8); o.Validate(); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { var o = Valid(); o.LargeMessageThresholdBytes = 60 * 1024; o.Validate(); });
    }
}
