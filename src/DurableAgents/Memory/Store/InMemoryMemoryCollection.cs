using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace DurableAgents.Memory;

/// <summary>Agent memories in process memory (tests and a host without a durable store; nothing survives the process).</summary>
public sealed class InMemoryMemoryCollection : AgentMemoryCollection
{
    private readonly ConcurrentDictionary<string, MemoryRecord> _records = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override string Name => "memories";

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <inheritdoc />
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        _records.Clear();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<MemoryRecord> ScanAsync(
        MemoryQuery query, bool includeVectors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        foreach (var record in _records.Values.Where(query.Matches).ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record.Clone(includeVectors);
        }
    }

    /// <inheritdoc />
    protected override Task<MemoryRecord?> ReadAsync(string agent, string id, bool includeVectors, CancellationToken cancellationToken) =>
        Task.FromResult(_records.TryGetValue(MemoryKeys.Of(agent, id), out var record) ? record.Clone(includeVectors) : null);

    /// <inheritdoc />
    protected override Task WriteAsync(IReadOnlyList<MemoryRecord> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            _records[record.Key] = record.Clone();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task RemoveAsync(string agent, string id, CancellationToken cancellationToken)
    {
        _records.TryRemove(MemoryKeys.Of(agent, id), out _);
        return Task.CompletedTask;
    }
}
