using Azure;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobClientTests(AzuriteFixture fixture)
{
    private async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = fixture.Connection.GetBlobContainerClient(AzuriteFixture.UniqueName("c"));
        Assert.True(await container.CreateIfNotExistsAsync());
        return container;
    }

    [Fact]
    public async Task CreateIfNotExists_SecondCall_ReturnsFalse()
    {
        var container = await NewContainerAsync();

        Assert.False(await container.CreateIfNotExistsAsync());
        Assert.True(await container.DeleteIfExistsAsync());
    }

    [Fact]
    public async Task UploadThenDownload_ReturnsContentEtagAndMetadata()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("runs/r1/state.json");

        var written = await blob.UploadAsync(BinaryData.FromString("{\"step\":1}"), new BlobUploadOptions
        {
            ContentType = "application/json",
            Metadata = new Dictionary<string, string> { ["runid"] = "r1" },
        });
        var downloaded = await blob.DownloadAsync();

        Assert.Equal("{\"step\":1}", downloaded.Content.ToString());
        Assert.Equal(written.ETag, downloaded.Properties.ETag);
        Assert.Equal("application/json", downloaded.Properties.ContentType);
        Assert.Equal("r1", downloaded.Properties.Metadata["runid"]);
        Assert.False(downloaded.NotModified);
    }

    [Fact]
    public async Task Download_IfNoneMatchCurrentEtag_ReportsNotModified()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("b");
        var written = await blob.UploadAsync(BinaryData.FromString("x"));

        var result = await blob.DownloadAsync(new BlobConditions { IfNoneMatch = written.ETag });

        Assert.True(result.NotModified);
        Assert.Equal(written.ETag, result.Properties.ETag);
        Assert.Equal(0, result.Content.ToMemory().Length);
    }

    [Fact]
    public async Task UploadCreateOnly_ExistingBlob_FailsWithConflictBlobAlreadyExists()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("once");
        await blob.UploadAsync(BinaryData.FromString("first"), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly });

        var error = await Assert.ThrowsAsync<StorageRequestException>(() =>
            blob.UploadAsync(BinaryData.FromString("second"), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly }));

        Assert.True(error.IsConflict);
        Assert.False(error.IsPreconditionFailed);
        Assert.Equal(StorageErrorCodes.BlobAlreadyExists, error.ErrorCode);
        Assert.Equal("first", (await blob.DownloadAsync()).Content.ToString());
    }

    [Fact]
    public async Task UploadIfMatch_StaleEtag_FailsWithPreconditionFailed()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("state");
        var v1 = await blob.UploadAsync(BinaryData.FromString("v1"));
        var v2 = await blob.UploadAsync(BinaryData.FromString("v2"), new BlobUploadOptions { Conditions = BlobConditions.Matching(v1.ETag) });

        var error = await Assert.ThrowsAsync<StorageRequestException>(() =>
            blob.UploadAsync(BinaryData.FromString("v3"), new BlobUploadOptions { Conditions = BlobConditions.Matching(v1.ETag) }));

        Assert.NotEqual(v1.ETag, v2.ETag);
        Assert.True(error.IsPreconditionFailed);
        Assert.False(error.IsConflict);
        Assert.Equal(StorageErrorCodes.ConditionNotMet, error.ErrorCode);
        Assert.Equal(v2.ETag, (await blob.GetPropertiesAsync()).ETag);
    }

    [Fact]
    public async Task GetPropertiesAndDelete_MissingBlob_AreNotFound()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("missing");

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => blob.GetPropertiesAsync());

        Assert.True(error.IsNotFound);
        Assert.False(await blob.ExistsAsync());
        Assert.False(await blob.DeleteIfExistsAsync());
        Assert.True((await Assert.ThrowsAsync<StorageRequestException>(() => blob.DownloadAsync())).IsNotFound);
    }

    [Fact]
    public async Task Delete_IfMatchStale_IsRefused_ThenSucceedsWithCurrentEtag()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("d");
        var v1 = await blob.UploadAsync(BinaryData.FromString("1"));
        var v2 = await blob.UploadAsync(BinaryData.FromString("2"));

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => blob.DeleteAsync(BlobConditions.Matching(v1.ETag)));
        await blob.DeleteAsync(BlobConditions.Matching(v2.ETag));

        Assert.True(error.IsPreconditionFailed);
        Assert.False(await blob.ExistsAsync());
    }

    [Fact]
    public async Task SetMetadata_ChangesEtagAndIsReadBack()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("m");
        var written = await blob.UploadAsync(BinaryData.FromString("x"));

        var updated = await blob.SetMetadataAsync(new Dictionary<string, string> { ["owner"] = "host-a" });

        Assert.NotEqual(written.ETag, updated.ETag);
        Assert.Equal("host-a", (await blob.GetPropertiesAsync()).Metadata["owner"]);
    }

    [Fact]
    public async Task ListBlobs_ByPrefixWithSmallPages_FollowsNextMarker()
    {
        var container = await NewContainerAsync();
        for (var i = 0; i < 5; i++)
        {
            await container.GetBlobClient($"runs/a/{i}").UploadAsync(BinaryData.FromString(i.ToString()));
        }

        await container.GetBlobClient("runs/b/0").UploadAsync(BinaryData.FromString("other"));

        var first = await container.ListBlobsPageAsync("runs/a/", pageSize: 2);
        var all = new List<BlobItem>();
        await foreach (var item in container.ListBlobsAsync("runs/a/", pageSize: 2))
        {
            all.Add(item);
        }

        Assert.Equal(2, first.Blobs.Count);
        Assert.NotNull(first.NextMarker);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"runs/a/{i}"), all.Select(b => b.Name));
        Assert.All(all, b => Assert.Equal(1, b.ContentLength));
        var props = await container.GetBlobClient("runs/a/0").GetPropertiesAsync();
        Assert.Equal(props.ETag, all[0].ETag);
    }

    [Fact]
    public async Task Upload_AboveSinglePutLimit_UsesBlocksAndKeepsConditions()
    {
        var blob = (await NewContainerAsync()).GetBlobClient("big");
        blob.SinglePutLimit = 1024;
        blob.BlockSize = 400;
        var bytes = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();

        var written = await blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly });
        var error = await Assert.ThrowsAsync<StorageRequestException>(() =>
            blob.UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly }));
        var downloaded = await blob.DownloadAsync();

        Assert.Equal(bytes, downloaded.Content.ToArray());
        Assert.Equal(written.ETag, downloaded.Properties.ETag);
        Assert.True(error.IsConflict || error.IsPreconditionFailed);
    }
}
