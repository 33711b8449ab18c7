using System.Text.Json;
using Azure;
using DurableAgents.Orchestration.AzureStorage.Naming;
using DurableAgents.Orchestration.AzureStorage.Storage;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Instances;

/// <summary>
/// Instance state entities (ETag-checked, the commit point of every episode) in the instances table, and history chunk blobs
/// in the instances container.
/// </summary>
/// <remarks>
/// State lives in a table entity rather than a blob because that is what an episode writes every time: on Azurite a table write
/// costs the emulator about half of a blob write, and on Azure both are one request.
/// </remarks>
internal sealed partial class InstanceStore(TableClient table, BlobContainerClient container)
{
    private const int ParallelDownloads = 8;
    private const int BodyReadAttempts = 3;

    public BlobContainerClient Container => container;

    public TableClient Table => table;

    /// <summary>Reads the state entity; null when the instance does not exist.</summary>
    public async Task<StoredInstance?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var entity = await table.GetEntityAsync(InstanceKeys.PartitionKey(instanceId), InstanceKeys.StateRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : await ReadAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes the state entity: over <paramref name="previous"/> only if it is still that version, otherwise only if absent.
    /// Throws <see cref="StorageRequestException"/> 412 or 409 when another writer got there first.
    /// </summary>
    public async Task<StoredInstance> WriteAsync(InstanceRecord record, StoredInstance? previous, CancellationToken cancellationToken)
    {
        var instanceId = record.State.InstanceId;
        var json = JsonSerializer.Serialize(record, HistorySerializer.Options);
        string? body = null;
        IReadOnlyDictionary<string, string> properties;
        if (StateEntity.Fits(json))
        {
            properties = StateEntity.Split(json);
        }
        else
        {
            // Too large for one entity: the blob goes first under a fresh name, so a losing writer never replaces the winner's.
            body = InstanceBlobNames.StateBody(instanceId, Guid.NewGuid().ToString("N")[..12]);
            await container.GetBlobClient(body).UploadAsync(BinaryData.FromString(json),
                new BlobUploadOptions { ContentType = "application/json" }, cancellationToken).ConfigureAwait(false);
            properties = StateEntity.PointTo(body);
        }

        var entity = new TableEntity(InstanceKeys.PartitionKey(instanceId), InstanceKeys.StateRow, properties);
        ETag etag;
        try
        {
            etag = previous is null
                ? await table.InsertEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await table.ReplaceEntityAsync(entity, previous.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageRequestException ex) when (ex.IsNotFound && previous is not null)
        {
            // Purged meanwhile: for the writer that is the same lost race as a changed ETag.
            throw new StorageRequestException(412, StorageErrorCodes.UpdateConditionNotSatisfied,
                $"The state of instance '{instanceId}' was deleted while this host was writing it.", ex);
        }

        if (previous?.Body is { } replaced && replaced != body)
        {
            await DeleteBlobQuietlyAsync(replaced).ConfigureAwait(false);
        }

        return new StoredInstance(record, etag, body);
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

    /// <summary>Deletes the state entity if it is still <paramref name="stored"/>'s version (its history goes separately).</summary>
    public Task DeleteStateAsync(StoredInstance stored, CancellationToken cancellationToken) =>
        table.DeleteEntityAsync(InstanceKeys.PartitionKey(stored.Record.State.InstanceId), InstanceKeys.StateRow, stored.ETag, cancellationToken);

    /// <summary>Reads the record an entity holds or names; null when the instance was purged meanwhile.</summary>
    internal async Task<StoredInstance?> ReadAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (StateEntity.BodyOf(entity) is not { } body)
            {
                return new StoredInstance(Parse(System.Text.Encoding.UTF8.GetBytes(StateEntity.Join(entity))), entity.ETag);
            }

            try
            {
                var blob = await container.GetBlobClient(body).DownloadAsync(null, cancellationToken).ConfigureAwait(false);
                return new StoredInstance(Parse(blob.Content.ToMemory().Span), entity.ETag, body);
            }
            catch (StorageRequestException ex) when (ex.IsNotFound && attempt < BodyReadAttempts)
            {
                // A writer replaced the entity and deleted the body it named after this entity was read: read the entity again.
                if (await table.GetEntityAsync(entity.PartitionKey, entity.RowKey, cancellationToken).ConfigureAwait(false) is not { } again)
                {
                    return null;
                }

                entity = again;
            }
        }
    }

    private async Task DeleteBlobQuietlyAsync(string name)
    {
        try
        {
            await container.GetBlobClient(name).DeleteIfExistsAsync(null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StorageRequestException)
        {
            // Garbage only: a purge removes everything under the instance's history prefix.
        }
    }

    private static InstanceRecord Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<InstanceRecord>(json, HistorySerializer.Options)
        ?? throw new InvalidDataException("An instance state entity is empty.");
}
