namespace DurableAgents.DurableTask.Sqlite.Storage;

/// <summary>The rows one logical operation (an episode, a client call, an activity result) writes; the writer commits
/// many sets in one transaction and then runs each set's <see cref="Committed"/> in order.</summary>
internal sealed class WriteSet
{
    readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Commit with synchronous=FULL (fsync): client writes, which must survive power loss.</summary>
    public bool FullSync { get; init; }

    /// <summary>Instances whose rows, history, messages and activities are deleted first (purge, replace).</summary>
    public List<string> DeletedInstances { get; } = [];

    public List<InstanceRow> Instances { get; } = [];

    /// <summary>History of other executions of an instance deleted (ContinueAsNew): (instance, execution kept).</summary>
    public List<(string InstanceId, string KeepExecutionId)> TrimmedHistories { get; } = [];

    public List<HistoryRow> History { get; } = [];

    public List<long> DeletedMessages { get; } = [];

    /// <summary>Instances whose every remaining message is deleted (they reached a final status).</summary>
    public List<string> ClearedInstances { get; } = [];

    public List<MessageRow> Messages { get; } = [];

    public List<long> DeletedActivities { get; } = [];

    public List<MessageRow> Activities { get; } = [];

    /// <summary>Entries written (insert or replace) and deleted, in this order.</summary>
    public List<(string Key, ReadOnlyMemory<byte> Value)> Entries { get; } = [];

    public List<string> DeletedEntries { get; } = [];

    /// <summary>Runs under the service's lock after the commit, in commit order (make messages visible, signal waiters).</summary>
    public Action? Committed { get; set; }

    /// <summary>Runs under the service's lock when the set could not be committed (undo reservations).</summary>
    public Action<Exception>? Failed { get; set; }

    public Task Completion => completion.Task;

    public bool IsEmpty => DeletedInstances.Count == 0 && Instances.Count == 0 && TrimmedHistories.Count == 0 && History.Count == 0
        && DeletedMessages.Count == 0 && ClearedInstances.Count == 0 && Messages.Count == 0 && DeletedActivities.Count == 0
        && Activities.Count == 0 && Entries.Count == 0 && DeletedEntries.Count == 0;

    public void Succeed() => completion.TrySetResult();

    public void Fail(Exception exception) => completion.TrySetException(exception);
}
