using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace DurableAgents.Memory;

/// <summary>
/// The VectorData collection of agent memories, written here because no connector for SQLite or Azure Tables is served: a store
/// implements five primitives over one agent's partition (scan, read, write, remove, and the collection's life) and this class
/// gives them the VectorData surface, with exact cosine search over the partition.
/// </summary>
/// <remarks>
/// Exact search reads every memory of the agent that the filter keeps and scores each one: no index, so it is right and its cost
/// grows with the partition (docs/memory.md gives the measured limit). Only embeddings of the same size, and of the same model
/// when the query is an <see cref="Embedding{T}"/> that names one, are compared.
/// </remarks>
public abstract class AgentMemoryCollection : VectorStoreCollection<string, MemoryRecord>
{
    /// <summary>The records of the query's partition and sets (with or without their embeddings).</summary>
    protected abstract IAsyncEnumerable<MemoryRecord> ScanAsync(MemoryQuery query, bool includeVectors, CancellationToken cancellationToken);

    /// <summary>One record, or null.</summary>
    protected abstract Task<MemoryRecord?> ReadAsync(string agent, string id, bool includeVectors, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces records (whole: every property).</summary>
    protected abstract Task WriteAsync(IReadOnlyList<MemoryRecord> records, CancellationToken cancellationToken);

    /// <summary>Removes one record; nothing when it is not there.</summary>
    protected abstract Task RemoveAsync(string agent, string id, CancellationToken cancellationToken);

    /// <summary>Removes several records of one agent; by default one at a time (stores with batches override it).</summary>
    protected virtual async Task RemoveManyAsync(string agent, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
        {
            await RemoveAsync(agent, id, cancellationToken);
        }
    }

    /// <inheritdoc />
    public override async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (var group in keys.Select(MemoryKeys.Split).GroupBy(k => k.Agent, StringComparer.Ordinal))
        {
            await RemoveManyAsync(group.Key, group.Select(k => k.Id).ToList(), cancellationToken);
        }
    }

    /// <inheritdoc />
    public override async Task<MemoryRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        var (agent, id) = MemoryKeys.Split(key);
        return await ReadAsync(agent, id, options?.IncludeVectors ?? false, cancellationToken);
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<MemoryRecord> GetAsync(
        Expression<Func<MemoryRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<MemoryRecord>? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        if (options?.OrderBy is not null)
        {
            throw new NotSupportedException("Memory collections return records newest first and take no OrderBy.");
        }

        var query = MemoryFilter.Parse(filter);
        var records = new List<MemoryRecord>();
        await foreach (var record in ScanAsync(query, options?.IncludeVectors ?? false, cancellationToken))
        {
            records.Add(record);
        }

        foreach (var record in records.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Key, StringComparer.Ordinal).Skip(options?.Skip ?? 0).Take(top))
        {
            yield return record;
        }
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<VectorSearchResult<MemoryRecord>> SearchAsync<TInput>(
        TInput searchValue, int top, VectorSearchOptions<MemoryRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var (vector, model) = searchValue switch
        {
            Embedding<float> embedding => (embedding.Vector, embedding.ModelId),
            ReadOnlyMemory<float> memory => (memory, null),
            float[] array => (array.AsMemory(), (string?)null),
            _ => throw new NotSupportedException(
                $"Memory collections search by an embedding (Embedding<float>, ReadOnlyMemory<float> or float[]), not {typeof(TInput).Name}: embed the text first."),
        };
        var query = MemoryFilter.Parse(options?.Filter);
        var threshold = options?.ScoreThreshold;
        var skip = options?.Skip ?? 0;
        var best = new PriorityQueue<(MemoryRecord Record, double Score), double>();
        await foreach (var record in ScanAsync(query, includeVectors: true, cancellationToken))
        {
            if ((model is not null && !string.Equals(record.EmbeddingModel, model, StringComparison.Ordinal))
                || VectorMath.Cosine(vector.Span, record.Embedding.Span) is not { } score
                || (threshold is { } min && score < min))
            {
                continue;
            }

            // A bounded min-heap: memory stays at top + skip records however large the partition is.
            best.Enqueue((options?.IncludeVectors == true ? record : WithoutVector(record), score), score);
            if (best.Count > top + skip)
            {
                best.Dequeue();
            }
        }

        var ranked = new List<(MemoryRecord Record, double Score)>(best.Count);
        while (best.TryDequeue(out var item, out _))
        {
            ranked.Add(item);
        }

        foreach (var (record, score) in ranked.OrderByDescending(r => r.Score).ThenBy(r => r.Record.Key, StringComparer.Ordinal).Skip(skip))
        {
            yield return new VectorSearchResult<MemoryRecord>(record, score);
        }
    }

    /// <inheritdoc />
    public override Task UpsertAsync(MemoryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <inheritdoc />
    public override Task UpsertAsync(IEnumerable<MemoryRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        foreach (var record in list)
        {
            Validate(record);
        }

        return WriteAsync(list, cancellationToken);
    }

    /// <inheritdoc />
    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        var (agent, id) = MemoryKeys.Split(key);
        return RemoveAsync(agent, id, cancellationToken);
    }

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }

    private static MemoryRecord WithoutVector(MemoryRecord record)
    {
        record.Embedding = ReadOnlyMemory<float>.Empty;
        return record;
    }

    private static void Validate(MemoryRecord record)
    {
        var (agent, _) = MemoryKeys.Split(record.Key);
        if (!string.Equals(agent, record.Agent, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The memory '{record.Key}' belongs to agent '{record.Agent}': its key must start with that agent's name.", nameof(record));
        }

        if (!MemoryKinds.IsValid(record.Kind))
        {
            throw new ArgumentException($"The memory '{record.Key}' has kind '{record.Kind}'; use episode or fact.", nameof(record));
        }

        if (!MemoryKeys.IsValidScope(record.Scope, out var error))
        {
            throw new ArgumentException(error, nameof(record));
        }
    }
}
