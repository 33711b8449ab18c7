using DurableAgents.DurableTask.AzureStorage;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.DurableTask.Tests.Worker;

/// <summary>UseAzureStorage validates its options when it is called and maps them onto DTFx's settings.</summary>
public sealed class AzureStorageOptionsTests
{
    [Fact]
    public void Defaults_AreTheTunedOnes()
    {
        var settings = AzureStorageSettingsFactory.Create(new AzureStorageOptions { ConnectionString = "UseDevelopmentStorage=true" }, null);

        Assert.Equal("DurableAgents", settings.TaskHubName);
        Assert.Equal($"{Environment.MachineName}-{Environment.ProcessId}", settings.WorkerId);
        Assert.True(settings.UseTablePartitionManagement);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.PartitionTableOperationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(15), settings.LeaseInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.LeaseAcquireInterval);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.ControlQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(60), settings.WorkItemQueueVisibilityTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(100), settings.MaxQueuePollingInterval);
        Assert.Equal(4, settings.PartitionCount);
        Assert.True(settings.ExtendedSessionsEnabled);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.ExtendedSessionIdleTimeout);
        Assert.Equal(100, settings.MaxConcurrentTaskOrchestrationWorkItems);
        Assert.Equal(100, settings.MaxConcurrentTaskActivityWorkItems);
        Assert.True(settings.ThrowExceptionOnInvalidDedupeStatus);
    }

    [Theory]
    [InlineData(null, "DurableAgents", "Set either AzureStorageOptions.ConnectionString")]
    [InlineData("UseDevelopmentStorage=true", "1hub", "The task hub name '1hub' is not valid")]
    [InlineData("UseDevelopmentStorage=true", "my-hub", "The task hub name 'my-hub' is not valid")]
    public void BadOptions_AreRefusedWhenUseAzureStorageIsCalled(string? connection, string hub, string message)
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddDurableTaskWorker(b => b.UseAzureStorage(o =>
        {
            o.ConnectionString = connection;
            o.TaskHubName = hub;
        })));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharingKey_NamesTheHub_AndHidesTheConnectionString()
    {
        var key = AzureStorageSettingsFactory.SharingKey(new AzureStorageOptions { ConnectionString = "AccountKey=secret", TaskHubName = "Hub1" });

        Assert.DoesNotContain("secret", key, StringComparison.Ordinal);
        Assert.EndsWith(":HUB1", key, StringComparison.Ordinal);
    }
}
