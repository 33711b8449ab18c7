using System.Text;
using Azure.Data.Tables;

namespace DurableAgents.ScaleOut.Tests.Infrastructure;

/// <summary>
/// Reads DTFx's partition table (<c>{hub}Partitions</c>, table partition management): which worker holds each control queue.
/// </summary>
public sealed class PartitionTable(string connectionString, string taskHub, int partitionCount)
{
    private readonly TableClient _table = new(connectionString, taskHub + "Partitions");

    /// <summary>Each control queue's current owner (null while none holds it).</summary>
    public async Task<IReadOnlyDictionary<string, string?>> OwnersAsync(CancellationToken cancellationToken = default)
    {
        var owners = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken))
        {
            owners[row.RowKey] = row.GetString("CurrentOwner") is { Length: > 0 } owner ? owner : null;
        }

        return owners;
    }

    /// <summary>The control queue of <paramref name="instanceId"/>, placed as DTFx places it (FNV-1a of the UTF-8 id).</summary>
    public string ControlQueueOf(string instanceId)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return $"{taskHub.ToLowerInvariant()}-control-{hash % (uint)partitionCount:00}";
    }
}
