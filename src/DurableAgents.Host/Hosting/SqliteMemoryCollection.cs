using System.Runtime.CompilerServices;
using DurableAgents.DurableTask.Sqlite;
using DurableAgents.Memory;

namespace DurableAgents.Host.Hosting;

/// <summary>
/// Agent memories in the embedded host's SQLite task hub file, as entries <c>memory/{agent}/{id}</c> of its entries table: they
/// share the provider's group commits (no connection or fsync of their own, and no second writer to contend with), are in the one
/// file a backup copies, and an agent's partition is one range scan of the key index.
/// </summary>
/// <remarks>Exact search reads and decodes the whole partition on every query; docs/memory.md gives the measured limit.</remarks>
public sealed class SqliteMemoryCollection(SqliteOrchestrationService taskHub) : AgentMemoryCollection
{
    private const string Prefix = "memory/";

    /// <inheritdoc />
    public override string Name => "memories";

    /// <inheritdoc />
    public override Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <inheritdoc />
    /// <remarks>The entries table is part of the task hub's schema: nothing to create.</remarks>
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <inheritdoc />
    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        var all = await taskHub.ReadEntriesAsync(Prefix).WaitAsync(cancellationToken);
        await taskHub.DeleteEntriesAsync(all.Select(e => e.Key).ToList()).WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    protected override async IAsyncEnumerable<MemoryRecord> ScanAsync(MemoryQuery query, bool includeVectors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var entry in await taskHub.ReadEntriesAsync(PartitionOf(query.Agent)).WaitAsync(cancellationToken))
        {
            var record = MemoryRecordCodec.Decode(entry.Value, includeVectors);
            if (query.Matches(record))
            {
                yield return record;
            }
        }
    }

    /// <inheritdoc />
    protected override async Task<MemoryRecord?> ReadAsync(string agent, string id, bool includeVectors, CancellationToken cancellationToken)
    {
        var bytes = await taskHub.ReadEntryAsync(KeyOf(agent, id)).WaitAsync(cancellationToken);
        return bytes is null ? null : MemoryRecordCodec.Decode(bytes, includeVectors);
    }

    /// <inheritdoc />
    protected override Task WriteAsync(IReadOnlyList<MemoryRecord> records, CancellationToken cancellationToken) =>
        Task.WhenAll(records.Select(r =>
        {
            var (agent, id) = MemoryKeys.Split(r.Key);
            return taskHub.WriteEntryAsync(KeyOf(agent, id), MemoryRecordCodec.Encode(r));
        })).WaitAsync(cancellationToken);

    /// <inheritdoc />
    protected override Task RemoveAsync(string agent, string id, CancellationToken cancellationToken) =>
        taskHub.DeleteEntryAsync(KeyOf(agent, id)).WaitAsync(cancellationToken);

    /// <inheritdoc />
    protected override Task RemoveManyAsync(string agent, IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        taskHub.DeleteEntriesAsync(ids.Select(id => KeyOf(agent, id)).ToList()).WaitAsync(cancellationToken);

    // Agent names are case-insensitive in the catalog; the store keeps the exact name the memory was written under.
    private static string PartitionOf(string agent) => $"{Prefix}{agent}/";

    private static string KeyOf(string agent, string id) => $"{Prefix}{agent}/{id}";
}
