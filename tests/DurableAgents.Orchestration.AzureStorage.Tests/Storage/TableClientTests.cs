using Azure;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class TableClientTests(AzuriteFixture fixture)
{
    private async Task<TableClient> NewTableAsync()
    {
        var table = fixture.Connection.GetTableClient("t" + Guid.NewGuid().ToString("N"));
        Assert.True(await table.CreateIfNotExistsAsync());
        return table;
    }

    private static TableEntity Entity(string partitionKey, string value, string rowKey = "r") =>
        new(partitionKey, rowKey, new Dictionary<string, string> { ["Value"] = value });

    [Fact]
    public async Task CreateIfNotExists_SecondCall_ReturnsFalse_AndDeleteRemovesTheTable()
    {
        var table = await NewTableAsync();

        Assert.False(await table.CreateIfNotExistsAsync());
        Assert.True(await table.DeleteIfExistsAsync());
        Assert.False(await table.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task InsertThenGet_ReturnsTheStringPropertiesAndTheWrittenEtag()
    {
        var table = await NewTableAsync();

        var etag = await table.InsertEntityAsync(new TableEntity("p:1", "state", new Dictionary<string, string>
        {
            ["R0"] = "{\"a\":\"it's\"}", ["R1"] = "é ✓ 😀",
        }));
        var read = await table.GetEntityAsync("p:1", "state");

        Assert.NotNull(read);
        Assert.Equal("{\"a\":\"it's\"}", read.Properties["R0"]);
        Assert.Equal("é ✓ 😀", read.Properties["R1"]);
        Assert.Equal(2, read.Properties.Count); // Timestamp and annotations are not returned as properties
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task Insert_ExistingKeys_FailsWithConflictEntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.InsertEntityAsync(Entity("p", "1"));

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => table.InsertEntityAsync(Entity("p", "2")));

        Assert.True(error.IsConflict);
        Assert.True(error.Is(StorageErrorCodes.EntityAlreadyExists), error.Message);
        Assert.Equal("1", (await table.GetEntityAsync("p", "r"))!.Properties["Value"]);
    }

    [Fact]
    public async Task Replace_WithTheCurrentEtag_Succeeds_AndWithAStaleOne_FailsWithPreconditionFailed()
    {
        var table = await NewTableAsync();
        var first = await table.InsertEntityAsync(Entity("p", "1"));
        var second = await table.ReplaceEntityAsync(Entity("p", "2"), first);

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => table.ReplaceEntityAsync(Entity("p", "3"), first));

        Assert.NotEqual(first, second);
        Assert.True(error.IsPreconditionFailed, error.Message);
        Assert.Equal("2", (await table.GetEntityAsync("p", "r"))!.Properties["Value"]);
    }

    [Fact]
    public async Task Replace_WithoutEtag_InsertsOrReplaces()
    {
        var table = await NewTableAsync();

        await table.ReplaceEntityAsync(Entity("p", "1"), ifMatch: null);
        await table.ReplaceEntityAsync(Entity("p", "2"), ifMatch: null);

        Assert.Equal("2", (await table.GetEntityAsync("p", "r"))!.Properties["Value"]);
    }

    [Fact]
    public async Task Delete_WithAStaleEtag_FailsAndKeepsTheEntity_WithTheCurrentOne_RemovesIt()
    {
        var table = await NewTableAsync();
        var first = await table.InsertEntityAsync(Entity("p", "1"));
        var second = await table.ReplaceEntityAsync(Entity("p", "2"), first);

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => table.DeleteEntityAsync("p", "r", first));
        Assert.True(error.IsPreconditionFailed, error.Message);

        await table.DeleteEntityAsync("p", "r", second);
        Assert.Null(await table.GetEntityAsync("p", "r"));
    }

    [Fact]
    public async Task Get_InAMissingTable_ThrowsTableNotFound_InsteadOfReportingAMissingEntity()
    {
        var table = fixture.Connection.GetTableClient("missing" + Guid.NewGuid().ToString("N")[..8]);

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => table.GetEntityAsync("p", "r"));

        Assert.True(error.IsNotFound);
        Assert.True(error.Is(StorageErrorCodes.TableNotFound), error.Message);
    }

    [Fact]
    public async Task Query_FollowsContinuations_AndReturnsEveryMatchInKeyOrder()
    {
        var table = await NewTableAsync();
        foreach (var key in new[] { "b3", "a1", "b1", "c1", "b2", "b4", "b5" })
        {
            await table.InsertEntityAsync(Entity(key, key.ToUpperInvariant()));
        }

        var all = await ToListAsync(table.QueryAsync(null, pageSize: 2));
        var range = await ToListAsync(table.QueryAsync(
            $"PartitionKey ge {TableClient.Literal("b")} and PartitionKey lt {TableClient.Literal("c")}", pageSize: 2));

        Assert.Equal(["a1", "b1", "b2", "b3", "b4", "b5", "c1"], all.Select(e => e.PartitionKey));
        Assert.Equal(["B1", "B2", "B3", "B4", "B5"], range.Select(e => e.Properties["Value"]));
        Assert.All(range, e => Assert.NotEqual(default, e.ETag));
    }

    [Fact]
    public async Task Insert_PropertyOverTheServiceLimit_IsRejectedBeforeAnyRequest()
    {
        var table = fixture.Connection.GetTableClient("nosuchtable" + Guid.NewGuid().ToString("N")[..8]);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            table.InsertEntityAsync(Entity("p", new string('x', TableEntity.MaxStringPropertyChars + 1))));

        Assert.Contains("Split it over several properties", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    public async Task Keys_WithCharactersTheServiceForbids_AreRejected(string key)
    {
        var table = fixture.Connection.GetTableClient("anytable");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => table.GetEntityAsync(key, "r"));

        Assert.Contains("PartitionKey", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1table")]
    [InlineData("has-hyphen")]
    [InlineData("tables")]
    public void TableNames_TheServiceRejects_AreRejectedWithTheRule(string name)
    {
        var error = Assert.Throws<ArgumentException>(() => fixture.Connection.GetTableClient(name));

        Assert.Contains("starting with a letter", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<TableEntity>> ToListAsync(IAsyncEnumerable<TableEntity> entities)
    {
        var list = new List<TableEntity>();
        await foreach (var entity in entities)
        {
            list.Add(entity);
        }

        return list;
    }
}
