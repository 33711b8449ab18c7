using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Runs.Conversation;

namespace DurableAgents.Host.Hosting;

/// <summary>
/// The conversation store for the Azure Storage backend: one blob per entry, named by its content id, written create-only, so every
/// host of the task hub reads the same conversations.
/// </summary>
public sealed class BlobConversationStore(StorageConnection connection, string containerName) : IConversationStore
{
    private readonly BlobContainerClient _container = connection.GetBlobContainerClient(containerName);
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
            await _container.GetBlobClient(id).UploadAsync(
                BinaryData.FromString(content), new BlobUploadOptions { Conditions = BlobConditions.CreateOnly }, cancellationToken);
        }
        catch (StorageRequestException ex) when (ex.IsConflict || ex.IsPreconditionFailed)
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
            var result = await _container.GetBlobClient(id).DownloadAsync(cancellationToken: cancellationToken);
            return result.Content.ToString();
        }
        catch (StorageRequestException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<long> GetStoredBytesAsync(CancellationToken cancellationToken = default)
    {
        await EnsureContainerAsync(cancellationToken);
        long total = 0;
        await foreach (var blob in _container.ListBlobsAsync(cancellationToken: cancellationToken))
        {
            total += blob.ContentLength;
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
                await _container.CreateIfNotExistsAsync(cancellationToken);
                _exists = true;
            }
        }
        finally
        {
            _created.Release();
        }
    }
}
