
namespace DurableAgents.Host.Tests.Azure;

/// <summary>Settings for a host on the Azure Storage provider on Azurite, each with its own task hub.</summary>
public static class AzureHostSettings
{
    public static string NewTaskHub() => "t" + Guid.NewGuid().ToString("N")[..20];

    public static Dictionary<string, string?> For(AzuriteFixture azurite, string taskHub) => new()
    {
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["DurableAgents:Backend"] = "azure",
        ["DurableAgents:AzureStorage:TaskHubName"] = taskHub,
        // The run queue is not under test here; a unique name keeps tests from sharing agent-runs.
        ["DurableAgents:QueueTrigger:QueueName"] = AzuriteFixture.UniqueName("runs"),
    };
}
