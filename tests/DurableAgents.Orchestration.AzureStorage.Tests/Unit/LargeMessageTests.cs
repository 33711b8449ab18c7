using DurableAgents.Orchestration.AzureStorage.Messaging;
using DurableAgents.Orchestration.AzureStorage.Tests.Azurite;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Tests.Unit;

[Collection(AzuriteCollection.Name)]
public sealed class LargeMessageTests(AzuriteFixture azurite)
{
    private async Task<MessageCodec> CodecAsync()
    {
        var container = azurite.Connection.GetBlobContainerClient(AzuriteFixture.UniqueName("large"));
        await container.CreateIfNotExistsAsync();
        return new MessageCodec(container, 45 * 1024);
    }

    [Fact]
    public async Task LargeMessage_GoesToABlobAndRoundTrips()
    {
        var codec = await CodecAsync();
        var message = TaskMessage.Create("i1", new TaskCompletedEvent(3, new string('x', 200_000)), "e1");

        var (text, blob) = await codec.EncodeWithBlobAsync(message, CancellationToken.None);
        var decoded = await codec.DecodeAsync(text, CancellationToken.None);

        Assert.NotNull(blob);
        Assert.True(text.Length < 1024, $"the queue text should be a small reference, was {text.Length} chars");
        Assert.Equal(blob, decoded.BlobName);
        Assert.Equal(message, decoded.Message);
        Assert.Equal(200_000, ((TaskCompletedEvent)decoded.Message.Event).Result!.Length);
    }

    [Fact]
    public async Task SmallMessage_StaysInline_AndPlainJsonIsAccepted()
    {
        var codec = await CodecAsync();
        var message = TaskMessage.Create("i1", new EventRaisedEvent("go", "\"x\""));

        var (text, blob) = await codec.EncodeWithBlobAsync(message, CancellationToken.None);
        var plain = AzureStorage.Storage.QueueMessageEncoding.FromBase64(text);

        Assert.Null(blob);
        Assert.Equal(message, (await codec.DecodeAsync(text, CancellationToken.None)).Message);
        Assert.Equal(message, (await codec.DecodeAsync(plain, CancellationToken.None)).Message);
    }
}
