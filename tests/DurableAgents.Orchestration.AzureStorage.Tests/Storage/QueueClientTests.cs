using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class QueueClientTests(AzuriteFixture fixture)
{
    private async Task<QueueClient> NewQueueAsync()
    {
        var queue = fixture.Connection.GetQueueClient(AzuriteFixture.UniqueName("q"));
        Assert.True(await queue.CreateIfNotExistsAsync());
        return queue;
    }

    [Fact]
    public async Task CreateIfNotExists_SecondCall_ReturnsFalse_AndDeleteRemovesQueue()
    {
        var queue = await NewQueueAsync();

        Assert.False(await queue.CreateIfNotExistsAsync());
        Assert.True(await queue.DeleteIfExistsAsync());
        Assert.False(await queue.DeleteIfExistsAsync());
        var error = await Assert.ThrowsAsync<StorageRequestException>(() => queue.GetApproximateMessageCountAsync());
        Assert.True(error.IsNotFound);
        Assert.Equal(StorageErrorCodes.QueueNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task SendThenReceive_ReturnsTextWithXmlCharactersIntact()
    {
        var queue = await NewQueueAsync();
        const string text = "<run id=\"1\"> & 'quotes' ]]> ünïcödé";

        var sent = await queue.SendMessageAsync(text, timeToLive: QueueClient.NeverExpires);
        var received = Assert.Single(await queue.ReceiveMessagesAsync(maxMessages: 5, visibilityTimeout: TimeSpan.FromMinutes(1)));

        Assert.Equal(sent.MessageId, received.MessageId);
        Assert.Equal(text, received.MessageText);
        Assert.Equal(1, received.DequeueCount);
        Assert.True(received.NextVisibleOn > received.InsertedOn);
        Assert.True(received.ExpiresOn > DateTimeOffset.UtcNow.AddYears(100));
        Assert.Empty(await queue.ReceiveMessagesAsync());
    }

    [Fact]
    public async Task SendWithVisibilityDelay_HidesMessageFromReceiveButCountsIt()
    {
        var queue = await NewQueueAsync();

        await queue.SendMessageAsync("later", visibilityDelay: TimeSpan.FromHours(1));

        Assert.Empty(await queue.ReceiveMessagesAsync());
        Assert.Empty(await queue.PeekMessagesAsync());
        Assert.Equal(1, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task Peek_DoesNotLockOrCountAsDequeue()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var peeked = await queue.PeekMessagesAsync(maxMessages: 32);
        var received = await queue.ReceiveMessagesAsync(maxMessages: 32);

        Assert.Equal(["a", "b"], peeked.Select(m => m.MessageText).Order());
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task UpdateMessage_MakesItVisibleWithNewText_AndOldReceiptStopsWorking()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("v1");
        var first = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));

        var update = await queue.UpdateMessageAsync(first.MessageId, first.PopReceipt, TimeSpan.Zero, "v2");
        var again = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromMinutes(5)));

        Assert.NotEqual(first.PopReceipt, update.PopReceipt);
        Assert.Equal("v2", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
        var stale = await Assert.ThrowsAsync<StorageRequestException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        Assert.False(stale.IsTransient);
        await queue.DeleteMessageAsync(again.MessageId, again.PopReceipt);
        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Fact]
    public async Task UpdateMessage_ExtendsInvisibility()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("work");
        var message = Assert.Single(await queue.ReceiveMessagesAsync(visibilityTimeout: TimeSpan.FromSeconds(30)));

        var update = await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, TimeSpan.FromHours(1));

        Assert.True(update.NextVisibleOn > message.NextVisibleOn.AddMinutes(30));
        Assert.Empty(await queue.PeekMessagesAsync());
    }

    [Fact]
    public async Task Base64Helpers_RoundTripThroughTheQueue()
    {
        var queue = await NewQueueAsync();
        var payload = "{\"run\":\"r1\",\"bytes\":\"\u0001\u0002\"}";

        await queue.SendMessageAsync(QueueMessageEncoding.ToBase64(payload));
        var received = Assert.Single(await queue.ReceiveMessagesAsync());

        Assert.Equal(payload, QueueMessageEncoding.FromBase64(received.MessageText));
    }

    [Fact]
    public async Task Send_ControlCharacters_AreRejectedBeforeSendingWithHint()
    {
        var queue = await NewQueueAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync("bad\u0001"));

        Assert.Contains("ToBase64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_MessageOver64KiB_FailsWithTypedError()
    {
        var queue = await NewQueueAsync();

        var error = await Assert.ThrowsAsync<StorageRequestException>(() => queue.SendMessageAsync(new string('x', 65 * 1024)));

        Assert.InRange(error.Status, 400, 413);
        Assert.False(error.IsTransient);
        Assert.NotNull(error.ErrorCode);
    }

    [Fact]
    public async Task Clear_RemovesAllMessages()
    {
        var queue = await NewQueueAsync();
        for (var i = 0; i < 3; i++)
        {
            await queue.SendMessageAsync($"m{i}");
        }

        Assert.Equal(3, await queue.GetApproximateMessageCountAsync());
        await queue.ClearMessagesAsync();

        Assert.Equal(0, await queue.GetApproximateMessageCountAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public async Task Receive_OutOfRangeCount_IsRejectedLocally(int count)
    {
        var queue = fixture.Connection.GetQueueClient("never-created");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(count));
    }

    [Fact]
    public void GetQueueClient_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => fixture.Connection.GetQueueClient("Bad_Name"));
    }
}
