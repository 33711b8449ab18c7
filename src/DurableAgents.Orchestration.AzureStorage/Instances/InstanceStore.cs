using System.Text.Json;
using Azure;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Instances;

/// <summary>Instance state blobs (ETag-checked) and history chunk blobs in the instances container.</summary>
internal sealed partial class InstanceStore(BlobContainerClient container)
{
    private const int ParallelDownloads = 8;

    public BlobContainerClient Container => container;

    /// <summary>Reads the state blob; null when the instance does not exist.</summary>
    public async Task<StoredInstance?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            var blob = await container.GetBlobClient(InstanceBlobNames.State(instanceId)).DownloadAsync(null, cancellationToken).ConfigureAwait(false);
            return new StoredInstance(Parse(blob.Content), blob.Properties.ETag);
        }
        catch (StorageRequestException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes the state blob: with <paramref name="ifMatch"/> only over that version, otherwise only if absent.
    /// Throws <see cref="StorageRequestException"/> 412 or 409 when another writer got there first.
    /// </summary>
    public async Task<ETag> WriteAsync(InstanceRecord record, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var conditions = ifMatch is { } etag ? BlobConditions.Matching(etag) : BlobConditions.CreateOnly;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(record, HistorySerializer.Options);
        var result = await container.GetBlobClient(InstanceBlobNames.State(record.State.InstanceId))
            .UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { Conditions = conditions, ContentType = "application/json" }, cancellationToken)
            .ConfigureAwait(false);
        return result.ETag;
    }

    /// <summary>Writes serialized events as a new chunk under a fresh id and returns the id.</summary>
    public async Task<string?> WriteChunkAsync(string instanceId, int generation, int index, byte[] bytes, CancellationToken cancellationToken)
    {
        var chunkId = Guid.NewGuid().ToString("N")[..12];
        await container.GetBlobClient(InstanceBlobNames.HistoryChunk(instanceId, generation, index, chunkId))
            .UploadAsync(BinaryData.FromBytes(bytes), new BlobUploadOptions { ContentType = "application/json" }, cancellationToken)
            .ConfigureAwait(false);
        return chunkId;
    }

    /// <summary>Reads the history the record points to, downloading chunks in parallel.</summary>
    public async Task<IReadOnlyList<HistoryEvent>> LoadHistoryAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        var id = record.State.InstanceId;
        var parts = new IReadOnlyList<HistoryEvent>[record.Chunks.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, record.Chunks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var name = InstanceBlobNames.HistoryChunk(id, record.Generation, i, record.Chunks[i]);
                var blob = await container.GetBlobClient(name).DownloadAsync(null, ct).ConfigureAwait(false);
                parts[i] = JsonSerializer.Deserialize<List<HistoryEvent>>(blob.Content.ToMemory().Span, HistorySerializer.Options)
                    ?? throw new InvalidDataException($"History chunk '{name}' is empty.");
            }).ConfigureAwait(false);
        return parts.SelectMany(p => p).Concat(record.Tail ?? []).ToList();
    }

    /// <summary>Deletes every history blob of the instance, or of one generation; best effort for garbage.</summary>
    public async Task DeleteHistoryAsync(string instanceId, int? generation, CancellationToken cancellationToken)
    {
        var prefix = generation is { } g ? InstanceBlobNames.GenerationPrefix(instanceId, g) : InstanceBlobNames.HistoryPrefix(instanceId);
        var names = new List<string>();
        await foreach (var blob in container.ListBlobsAsync(prefix, null, cancellationToken).ConfigureAwait(false))
        {
            names.Add(blob.Name);
        }

        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (name, ct) => await container.GetBlobClient(name).DeleteIfExistsAsync(null, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Deletes the chunks a record points to (a replaced history); chunks of failed attempts are left for purge.</summary>
    public Task DeleteChunksAsync(InstanceRecord record, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(Enumerable.Range(0, record.Chunks.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDownloads, CancellationToken = cancellationToken },
            async (i, ct) => await container.GetBlobClient(InstanceBlobNames.HistoryChunk(record.State.InstanceId, record.Generation, i, record.Chunks[i]))
                .DeleteIfExistsAsync(null, ct).ConfigureAwait(false));

    /// <summary>Deletes the state blob if it still has <paramref name="etag"/>.</summary>
    public Task DeleteStateAsync(string instanceId, ETag etag, CancellationToken cancellationToken) =>
        container.GetBlobClient(InstanceBlobNames.State(instanceId)).DeleteAsync(BlobConditions.Matching(etag), cancellationToken);

    private static InstanceRecord Parse(BinaryData content) =>
        JsonSerializer.Deserialize<InstanceRecord>(content.ToMemory().Span, HistorySerializer.Options)
        ?? throw new InvalidDataException("An instance state blob is empty.");
}
