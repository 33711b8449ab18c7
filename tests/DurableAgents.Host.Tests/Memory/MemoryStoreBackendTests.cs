using Azure.Data.Tables;
using DurableAgents.Api.Memory;
using DurableAgents.DurableTask.Sqlite;
using DurableAgents.Host.Hosting;
using DurableAgents.Host.Tests.Azure;
using DurableAgents.Memory;
using DurableAgents.Testing;
using Microsoft.Extensions.VectorData;

namespace DurableAgents.Host.Tests.Memory;

/// <summary>The store tests on the embedded host's SQLite task hub (its entries table).</summary>
public sealed class SqliteMemoryStoreTests : MemoryStoreTests
{
    private readonly TempFolder _folder = new("da-mem");
    private SqliteOrchestrationService? _taskHub;

    private protected override Task<VectorStoreCollection<string, MemoryRecord>> CreateAsync()
    {
        _taskHub = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = Path.Combine(_folder.Path, "taskhub.db") });
        return Task.FromResult<VectorStoreCollection<string, MemoryRecord>>(new SqliteMemoryCollection(_taskHub));
    }

    [Fact]
    public async Task Memories_SurviveReopeningTheTaskHubFile()
    {
        await Memory.RememberAsync("ana", "f1", "Invoices go to Dana.", "r1", 2);
        await _taskHub!.DisposeAsync();
        _taskHub = new SqliteOrchestrationService(new SqliteOrchestrationServiceSettings { DatabasePath = Path.Combine(_folder.Path, "taskhub.db") });

        var reopened = new AgentMemory(new SqliteMemoryCollection(_taskHub), new OfflineEmbeddingGenerator(), TimeProvider.System);
        var found = await reopened.SearchAsync("ana", MemoryKinds.Fact, "invoices Dana", 5, 0.3);

        Assert.Equal("Invoices go to Dana.", Assert.Single(found).Record.Text);
    }

    public override async Task DisposeAsync()
    {
        if (_taskHub is not null)
        {
            await _taskHub.DisposeAsync();
        }

        _folder.Dispose();
    }
}

/// <summary>The store tests on Azure Tables (Azurite), one table per test.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableMemoryStoreTests(AzuriteFixture azurite) : MemoryStoreTests
{
    private TableClient? _table;

    private protected override Task<VectorStoreCollection<string, MemoryRecord>> CreateAsync()
    {
        _table = new TableClient(azurite.ConnectionString, AzureMemoryTables.NameFor(AzuriteFixture.NewTaskHub("mem")));
        return Task.FromResult<VectorStoreCollection<string, MemoryRecord>>(new AzureTableMemoryCollection(_table));
    }

    [Fact]
    public async Task Purge_OfMoreThanOneTransaction_RemovesEveryMemory()
    {
        var records = Enumerable.Range(0, 230).Select(i => new MemoryRecord
        {
            Key = $"ana/f{i}", Agent = "ana", Kind = MemoryKinds.Fact, Text = $"fact {i}", EmbeddingModel = "m", Embedding = new float[] { 1, i },
            CreatedAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
        });
        await Collection.EnsureCollectionExistsAsync();
        await Collection.UpsertAsync(records);

        Assert.Equal(230, await Memory.PurgeAsync("ana"));
        Assert.Empty(await Memory.ListAsync("ana", null, 1000));
    }

    public override async Task DisposeAsync()
    {
        if (_table is not null)
        {
            await _table.DeleteAsync();
        }
    }
}

/// <summary>The store tests on the in-process collection (the default when a host registers none).</summary>
public sealed class InMemoryMemoryStoreTests : MemoryStoreTests
{
    private protected override Task<VectorStoreCollection<string, MemoryRecord>> CreateAsync() =>
        Task.FromResult<VectorStoreCollection<string, MemoryRecord>>(new InMemoryMemoryCollection());
}
