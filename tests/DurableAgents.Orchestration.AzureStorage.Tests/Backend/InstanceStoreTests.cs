using DurableAgents.Orchestration.AzureStorage.Instances;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Backend;

/// <summary>The state store under races that the backend cannot stage on demand.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class InstanceStoreTests(AzuriteFixture azurite)
{
    private async Task<InstanceStore> NewStoreAsync()
    {
        var name = "store" + Guid.NewGuid().ToString("N")[..12];
        var table = azurite.Connection.GetTableClient(name);
        var container = azurite.Connection.GetBlobContainerClient(name);
        await table.CreateIfNotExistsAsync();
        await container.CreateIfNotExistsAsync();
        return new InstanceStore(table, container);
    }

    private static InstanceRecord Oversized(string id, char fill) =>
        new(OrchestrationState.Pending(id, new ExecutionStartedEvent("Big", new string(fill, StateEntity.MaxInlineChars), "e1")), 0, []);

    [Fact]
    public async Task ReadingAStaleEntity_WhoseBodyWasReplaced_ReadsTheCurrentState()
    {
        var store = await NewStoreAsync();
        var first = await store.WriteAsync(Oversized("run:1", 'a'), null, CancellationToken.None);
        var stale = await store.Table.GetEntityAsync(InstanceKeys.PartitionKey("run:1"), InstanceKeys.StateRow);

        // Another writer moves on and deletes the body the stale entity names.
        await store.WriteAsync(Oversized("run:1", 'b'), first, CancellationToken.None);
        var read = await store.ReadAsync(stale!, CancellationToken.None);

        Assert.NotNull(first.Body);
        Assert.NotNull(read);
        Assert.Equal('b', read.Record.State.Input![0]);
        Assert.NotEqual(first.Body, read.Body);
    }

    [Fact]
    public async Task ReadingAStaleEntity_OfAPurgedInstance_ReturnsNull()
    {
        var store = await NewStoreAsync();
        var written = await store.WriteAsync(Oversized("run:2", 'a'), null, CancellationToken.None);
        var stale = await store.Table.GetEntityAsync(InstanceKeys.PartitionKey("run:2"), InstanceKeys.StateRow);

        await store.DeleteStateAsync(written, CancellationToken.None);
        await store.DeleteHistoryAsync("run:2", null, CancellationToken.None);

        Assert.Null(await store.ReadAsync(stale!, CancellationToken.None));
        Assert.Null(await store.LoadAsync("run:2", CancellationToken.None));
    }

    [Fact]
    public async Task Write_OverAPurgedInstance_FailsAsALostRace()
    {
        var store = await NewStoreAsync();
        var written = await store.WriteAsync(Oversized("run:3", 'a'), null, CancellationToken.None);
        await store.DeleteStateAsync(written, CancellationToken.None);

        var error = await Assert.ThrowsAsync<StorageRequestException>(() =>
            store.WriteAsync(Oversized("run:3", 'b'), written, CancellationToken.None));

        Assert.True(error.IsPreconditionFailed, error.Message);
    }
}
