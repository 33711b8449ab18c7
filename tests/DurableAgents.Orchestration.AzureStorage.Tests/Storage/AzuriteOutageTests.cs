using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

// Each test runs its own Azurite so stopping it never disturbs tests that share the collection fixture.
public sealed class AzuriteOutageTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Request_DuringOutage_IsRetriedUntilAzuriteIsBack()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync(allowExternal: false);
        var transport = new CountingTransport();
        var connection = StorageConnection.Create(new StorageAccountOptions
        {
            ConnectionString = azurite.ConnectionString,
            MaxRetries = 12,
            RetryDelay = TimeSpan.FromMilliseconds(200),
            MaxRetryDelay = TimeSpan.FromSeconds(2),
            Transport = transport,
        });
        var queue = connection.GetQueueClient("outage");
        Assert.True(await queue.CreateIfNotExistsAsync());

        await azurite.StopAsync();
        // Azurite may lose recently written state when killed, so the retried call is an idempotent create.
        var pending = queue.CreateIfNotExistsAsync();
        await WaitUntilAsync(() => transport.Failures > 0 || pending.IsCompleted);
        Assert.False(pending.IsCompleted, "The request finished while Azurite was down; it should have been retrying.");
        await azurite.StartAsync();
        await pending.WaitAsync(Deadline);

        var receipt = await queue.SendMessageAsync("after the outage");
        var received = Assert.Single(await queue.ReceiveMessagesAsync());
        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.True(transport.Failures > 0);
    }

    [Fact]
    public async Task Request_WhenRetriesRunOut_FailsWithTransientTypedError()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync(allowExternal: false);
        var connection = StorageConnection.Create(new StorageAccountOptions
        {
            ConnectionString = azurite.ConnectionString,
            MaxRetries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });
        await azurite.StopAsync();

        var error = await Assert.ThrowsAsync<StorageRequestException>(
            () => connection.GetBlobContainerClient("down").CreateIfNotExistsAsync());

        Assert.Equal(0, error.Status);
        Assert.True(error.IsTransient);
        Assert.Equal(StorageErrorCodes.TransportFailure, error.ErrorCode);
        Assert.DoesNotContain("Eby8vdM02x", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
