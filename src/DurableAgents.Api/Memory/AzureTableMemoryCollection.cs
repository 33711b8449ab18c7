using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Azure;
using Azure.Data.Tables;
using DurableAgents.Memory;

namespace DurableAgents.Api.Memory;

/// <summary>
/// Agent memories in an Azure Storage table, for the scale-out hosts (the self-hosted host on Azure Storage and the Functions app):
/// the agent is the partition key and the memory id the row key, so an agent's partition is one partition query, and the
/// embedding is a binary property (a 1,536-float embedding is 6 KB of the entity's 1 MB).
/// </summary>
/// <remarks>Exact search reads the whole partition on every query; docs/memory.md gives the measured limit.</remarks>
public sealed class AzureTableMemoryCollection(TableClient table) : AgentMemoryCollection
{
    private const int BatchLimit = 100; // entities per table transaction

    private static readonly string[] WithoutEmbedding =
    [
        "PartitionKey", "RowKey", "Timestamp", nameof(MemoryRecord.Kind), nameof(MemoryRecord.Scope), nameof(MemoryRecord.Text), nameof(MemoryRecord.Goal),
        nameof(MemoryRecord.Outcome), nameof(MemoryRecord.Steps), nameof(MemoryRecord.ToolsUsed), nameof(MemoryRecord.Failures), nameof(MemoryRecord.Avoid),
        nameof(MemoryRecord.Source), nameof(MemoryRecord.RunId), nameof(MemoryRecord.Step), nameof(MemoryRecord.CreatedAt), nameof(MemoryRecord.EmbeddingModel),
    ];

    /// <inheritdoc />
    public override string Name => table.Name;

    /// <inheritdoc />
    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                break; // one page answers the question
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => table.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) => await table.DeleteAsync(cancellationToken);

    /// <inheritdoc />
    protected override async IAsyncEnumerable<MemoryRecord> ScanAsync(MemoryQuery query, bool includeVectors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = query.Kinds is { Count: 1 } kinds
            ? TableClient.CreateQueryFilter($"PartitionKey eq {query.Agent} and Kind eq {kinds.Single()}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {query.Agent}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: includeVectors ? null : WithoutEmbedding, cancellationToken: cancellationToken))
        {
            var record = ToRecord(entity, includeVectors);
            if (query.Matches(record))
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<MemoryRecord?> ReadAsync(string agent, string id, bool includeVectors, CancellationToken cancellationToken)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(agent, id, includeVectors ? null : WithoutEmbedding, cancellationToken);
        return found.HasValue ? ToRecord(found.Value!, includeVectors) : null;
    }

    /// <inheritdoc />
    protected override async Task WriteAsync(IReadOnlyList<MemoryRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await table.UpsertEntityAsync(ToEntity(record), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <inheritdoc />
    protected override async Task RemoveAsync(string agent, string id, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(agent, id, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone already: deleting is idempotent.
        }
    }

    /// <inheritdoc />
    protected override async Task RemoveManyAsync(string agent, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        foreach (var batch in ids.Chunk(BatchLimit))
        {
            try
            {
                await table.SubmitTransactionAsync(batch.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(agent, id), ETag.All)), cancellationToken);
            }
            catch (TableTransactionFailedException)
            {
                // One row deleted meanwhile fails the whole transaction: delete the batch one by one instead.
                await base.RemoveManyAsync(agent, batch, cancellationToken);
            }
        }
    }

    private static TableEntity ToEntity(MemoryRecord r)
    {
        var (agent, id) = MemoryKeys.Split(r.Key);
        return new TableEntity(agent, id)
        {
            [nameof(r.Kind)] = r.Kind, [nameof(r.Scope)] = r.Scope, [nameof(r.Text)] = r.Text, [nameof(r.Goal)] = r.Goal, [nameof(r.Outcome)] = r.Outcome,
            [nameof(r.Steps)] = r.Steps, [nameof(r.ToolsUsed)] = r.ToolsUsed, [nameof(r.Failures)] = r.Failures, [nameof(r.Avoid)] = r.Avoid,
            [nameof(r.Source)] = r.Source, [nameof(r.RunId)] = r.RunId, [nameof(r.Step)] = r.Step, [nameof(r.CreatedAt)] = r.CreatedAt,
            [nameof(r.EmbeddingModel)] = r.EmbeddingModel, [nameof(r.Embedding)] = MemoryMarshal.AsBytes(r.Embedding.Span).ToArray(),
        };
    }

    private static MemoryRecord ToRecord(TableEntity e, bool includeVectors) => new()
    {
        Key = MemoryKeys.Of(e.PartitionKey, e.RowKey),
        Agent = e.PartitionKey,
        Kind = e.GetString(nameof(MemoryRecord.Kind)) ?? "",
        Scope = e.GetString(nameof(MemoryRecord.Scope)) ?? "",
        Text = e.GetString(nameof(MemoryRecord.Text)) ?? "",
        Goal = e.GetString(nameof(MemoryRecord.Goal)),
        Outcome = e.GetString(nameof(MemoryRecord.Outcome)),
        Steps = e.GetInt32(nameof(MemoryRecord.Steps)) ?? 0,
        ToolsUsed = e.GetString(nameof(MemoryRecord.ToolsUsed)),
        Failures = e.GetString(nameof(MemoryRecord.Failures)),
        Avoid = e.GetString(nameof(MemoryRecord.Avoid)),
        Source = e.GetString(nameof(MemoryRecord.Source)) ?? "",
        RunId = e.GetString(nameof(MemoryRecord.RunId)),
        Step = e.GetInt32(nameof(MemoryRecord.Step)),
        CreatedAt = e.GetDateTimeOffset(nameof(MemoryRecord.CreatedAt)) ?? default,
        EmbeddingModel = e.GetString(nameof(MemoryRecord.EmbeddingModel)) ?? "",
        Embedding = includeVectors && e.GetBinary(nameof(MemoryRecord.Embedding)) is { } bytes ? MemoryMarshal.Cast<byte, float>(bytes).ToArray() : ReadOnlyMemory<float>.Empty,
    };
}
