namespace DurableAgents.DurableTask.Sqlite.Storage;

internal sealed partial class WriteStatements
{
    /// <summary>Writes <paramref name="set"/>; message ids in <paramref name="skippedMessages"/> are inserted and
    /// deleted within the same transaction, so neither statement runs.</summary>
    public void Apply(WriteSet set, HashSet<long>? skippedMessages)
    {
        foreach (var instanceId in set.DeletedInstances)
        {
            Run(deleteInstance, instanceId);
            Run(deleteInstanceHistory, instanceId);
            Run(deleteInstanceMessages, instanceId);
            Run(deleteInstanceActivities, instanceId);
        }

        foreach (var row in set.Instances)
        {
            WriteInstance(row);
        }

        foreach (var (instanceId, keep) in set.TrimmedHistories)
        {
            Run(trimHistory, instanceId, keep);
        }

        foreach (var row in set.History)
        {
            Run(insertHistory, row.InstanceId, row.ExecutionId, row.Seq, row.EventType, row.Data);
        }

        foreach (var id in set.DeletedMessages)
        {
            if (skippedMessages is null || !skippedMessages.Contains(id))
            {
                Run(deleteMessage, id);
            }
        }

        foreach (var instanceId in set.ClearedInstances)
        {
            Run(deleteInstanceMessages, instanceId);
        }

        foreach (var row in set.Messages)
        {
            if (skippedMessages is null || !skippedMessages.Contains(row.Id))
            {
                Run(insertMessage, row.Id, row.InstanceId, row.ExecutionId, row.EventType, row.VisibleTicks, row.Data, row.Context);
            }
        }

        foreach (var id in set.DeletedActivities)
        {
            Run(deleteActivity, id);
        }

        foreach (var row in set.Activities)
        {
            Run(insertActivity, row.Id, row.InstanceId, row.ExecutionId, row.Data, row.Context);
        }

        foreach (var (key, value) in set.Entries)
        {
            Run(upsertEntry, key, value.ToArray(), DateTime.UtcNow.Ticks);
        }

        foreach (var key in set.DeletedEntries)
        {
            Run(deleteEntry, key);
        }
    }

    void WriteInstance(InstanceRow row)
    {
        if (row.AllColumns)
        {
            Run(
                upsertInstance,
                row.InstanceId, row.ExecutionId, row.Name, row.Version, (int)row.Status, row.CreatedUtc.Ticks, row.LastUpdatedUtc.Ticks,
                row.CompletedUtc?.Ticks, row.ScheduledStartUtc?.Ticks, row.Input, row.Output, row.CustomStatus, row.FailureDetails,
                row.Tags, row.Parent, row.Generation);
        }
        else
        {
            Run(updateInstance, row.InstanceId, (int)row.Status, row.LastUpdatedUtc.Ticks, row.CompletedUtc?.Ticks, row.Output, row.CustomStatus, row.FailureDetails);
        }
    }
}
