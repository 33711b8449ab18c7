using DurableTask.AzureStorage;

namespace DurableAgents.ScaleOut.Tests.Infrastructure;

/// <summary>Deletes what a test created on the emulator.</summary>
public static class TaskHubs
{
    /// <summary>Deletes the task hub's queues, tables and containers, and the named extra containers; returns what failed, or null.</summary>
    /// <remarks>Never throws: a clean-up failure must not hide the test's own outcome (the emulator's data goes with it anyway).</remarks>
    public static async Task<string?> DeleteAsync(string connectionString, string taskHub, params string[] containers)
    {
        var settings = new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider(connectionString),
            TaskHubName = taskHub,
        };
        try
        {
            using var service = new AzureStorageOrchestrationService(settings);
            await service.DeleteAsync().WaitAsync(TimeSpan.FromSeconds(60));
            foreach (var container in containers)
            {
                await new Azure.Storage.Blobs.BlobContainerClient(connectionString, container).DeleteIfExistsAsync();
            }

            return null;
        }
        catch (Exception e)
        {
            return $"Could not delete task hub {taskHub}: {e.Message}";
        }
    }
}
