using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BlobLeaseTests(AzuriteFixture fixture)
{
    private async Task<BlobClient> NewBlobAsync()
    {
        var container = fixture.Connection.GetBlobContainerClient(AzuriteFixture.UniqueName("lease"));
        await container.CreateIfNotExistsAsync();
        var blob = container.GetBlobClient("partition-00");
        await blob.UploadAsync(BinaryData.FromString("owner=none"));
        return blob;
    }

    [Fact]
    public async Task Acquire_SecondOwner_GetsLeaseAlreadyPresentConflict()
    {
        var blob = await NewBlobAsync();
        var first = blob.GetLeaseClient();
        await first.AcquireAsync(TimeSpan.FromSeconds(15));

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => blob.GetLeaseClient().AcquireAsync(TimeSpan.FromSeconds(15)));

        Assert.True(error.IsConflict);
        Assert.Equal(StorageErrorCodes.LeaseAlreadyPresent, error.ErrorCode);
        Assert.Equal("leased", (await blob.GetPropertiesAsync()).LeaseState);
    }

    [Fact]
    public async Task LeasedBlob_WriteWithoutLeaseId_IsRefused_WithLeaseIdSucceeds()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetLeaseClient();
        await lease.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => blob.UploadAsync(BinaryData.FromString("intruder")));
        await blob.UploadAsync(BinaryData.FromString("owner=me"),
            new BlobUploadOptions { Conditions = new BlobConditions { LeaseId = lease.LeaseId } });

        Assert.True(error.IsPreconditionFailed);
        Assert.Equal(StorageErrorCodes.LeaseIdMissing, error.ErrorCode);
        Assert.Equal("owner=me", (await blob.DownloadAsync()).Content.ToString());
    }

    [Fact]
    public async Task RenewChangeRelease_LetAnotherOwnerAcquireAfterRelease()
    {
        var blob = await NewBlobAsync();
        var lease = blob.GetLeaseClient("11111111-1111-1111-1111-111111111111");
        await lease.AcquireAsync(TimeSpan.FromSeconds(60));

        await lease.RenewAsync();
        await lease.ChangeAsync("22222222-2222-2222-2222-222222222222");
        var oldId = blob.GetLeaseClient("11111111-1111-1111-1111-111111111111");
        var renewWithOldId = await Assert.ThrowsAsync<StorageRequestException>(() => oldId.RenewAsync());
        await lease.ReleaseAsync();
        var next = blob.GetLeaseClient();
        await next.AcquireAsync(TimeSpan.FromSeconds(15));

        Assert.Equal("22222222-2222-2222-2222-222222222222", lease.LeaseId);
        Assert.True(renewWithOldId.IsConflict);
        Assert.Equal("leased", (await blob.GetPropertiesAsync()).LeaseState);
    }

    [Fact]
    public async Task Break_WithZeroPeriod_FreesTheBlobForANewOwner()
    {
        var blob = await NewBlobAsync();
        var crashed = blob.GetLeaseClient();
        await crashed.AcquireAsync(BlobLeaseClient.InfiniteLeaseDuration);

        var remaining = await blob.GetLeaseClient().BreakAsync(TimeSpan.Zero);
        var successor = blob.GetLeaseClient();
        await successor.AcquireAsync(TimeSpan.FromSeconds(15));
        var oldOwnerRenew = await Assert.ThrowsAsync<StorageRequestException>(() => crashed.RenewAsync());

        Assert.Equal(TimeSpan.Zero, remaining);
        Assert.True(oldOwnerRenew.IsConflict);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    public async Task Acquire_DurationOutsideRange_IsRejectedLocally(int seconds)
    {
        var blob = await NewBlobAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => blob.GetLeaseClient().AcquireAsync(TimeSpan.FromSeconds(seconds)));
    }
}
