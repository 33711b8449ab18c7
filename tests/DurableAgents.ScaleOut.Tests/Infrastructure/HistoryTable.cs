using Azure.Data.Tables;

namespace DurableAgents.ScaleOut.Tests.Infrastructure;

/// <summary>Reads DTFx's history table (<c>{hub}History</c>): when each step's result was stored in its instance's history.</summary>
public sealed class HistoryTable(string connectionString, string taskHub)
{
    private readonly TableClient _table = new(connectionString, taskHub + "History");

    /// <summary>Each TaskCompleted row of <paramref name="instanceId"/> by its schedule id, with the time storage wrote it.</summary>
    public async Task<IReadOnlyDictionary<int, DateTime>> ResultsRecordedAsync(string instanceId)
    {
        var recorded = new Dictionary<int, DateTime>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {instanceId} and EventType eq {"TaskCompleted"}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["TaskScheduledId", "Timestamp"]))
        {
            if (row.GetInt32("TaskScheduledId") is { } step && row.Timestamp is { } written)
            {
                recorded[step] = written.UtcDateTime;
            }
        }

        return recorded;
    }
}
