using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DurableAgents.Runs.Conversation;

namespace DurableAgents.Api.Conversations;

/// <summary>
/// The conversation store for the Azure Storage provider: one blob per entry, named by its content id, written create-only, so every
/// host of the task hub reads the same conversations.
/// </summary>
public sealed class BlobConversationStore(BlobContainerClient container) : IConversationStore
{
    private readonly SemaphoreSlim _created = new(1, 1);
    private bool _exists;

    /// <inheritdoc />
    public async Task<string> PutAsync(string content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var id = ContentId.Of(content);
        await EnsureContainerAsync(cancellationToken);
        try
        {
            await container.GetBlobClient(id).UploadAsync(
                BinaryData.FromString(content), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already stored: same id, same bytes.
        }

        return id;
    }

    /// <inheritdoc />
    public async Task<string?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!ContentId.IsValid(id))
        {
            return null;
        }

        try
        {
            var result = await container.GetBlobClient(id).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<long> GetStoredBytesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        long total = 0;
        await foreach (var blob in container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            total += blob.Properties.ContentLength ?? 0;
        }

        return total;
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_exists)
        {
            return;
        }

        await _created.WaitAsync(cancellationToken);
        try
        {
            if (!_exists)
            {
                await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                _exists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }
}
