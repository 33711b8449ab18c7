using System.Text.Json.Serialization;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.Backends.Local;

/// <summary>One durable change to the local store; the file backend journals these and replays them on start.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "op")]
[JsonDerivedType(typeof(CreateInstanceCommit), "create")]
[JsonDerivedType(typeof(SendMessageCommit), "send")]
[JsonDerivedType(typeof(CompleteOrchestrationCommit), "episode")]
[JsonDerivedType(typeof(CompleteActivityCommit), "activity")]
[JsonDerivedType(typeof(PurgeCommit), "purge")]
[JsonDerivedType(typeof(RestoreInstanceCommit), "restore")]
[JsonDerivedType(typeof(RestoreActivitiesCommit), "restore-activities")]
[JsonDerivedType(typeof(PutContentCommit), "content")]
internal abstract record LocalCommit
{
    /// <summary>
    /// False for commits whose loss on power failure only makes work run again: an activity reply is re-created by re-running the
    /// activity (at least once). It still reaches the OS before it is applied, so a killed process never loses it, and the next
    /// fsync (which every episode that consumes the reply needs) makes it durable, in order.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public virtual bool RequiresSync => true;
}

internal sealed record CreateInstanceCommit(TaskMessage Start, OrchestrationState State) : LocalCommit;

internal sealed record SendMessageCommit(TaskMessage Message) : LocalCommit;

internal sealed record CompleteOrchestrationCommit(
    string InstanceId,
    IReadOnlyList<string> ConsumedMessageIds,
    IReadOnlyList<HistoryEvent> NewEvents,
    bool ReplaceHistory,
    OrchestrationState State,
    IReadOnlyList<TaskMessage> ActivityMessages,
    IReadOnlyList<TaskMessage> OrchestratorMessages) : LocalCommit;

internal sealed record CompleteActivityCommit(string ActivityMessageId, TaskMessage Reply) : LocalCommit
{
    /// <inheritdoc />
    public override bool RequiresSync => false;
}

internal sealed record PurgeCommit(string InstanceId) : LocalCommit;

internal sealed record RestoreInstanceCommit(OrchestrationState State, IReadOnlyList<HistoryEvent> History, IReadOnlyList<TaskMessage> Messages) : LocalCommit;

internal sealed record RestoreActivitiesCommit(IReadOnlyList<TaskMessage> Messages) : LocalCommit;

/// <summary>Immutable content stored by id (a content-addressed entry, e.g. a conversation message).</summary>
internal sealed record PutContentCommit(string Id, string Content) : LocalCommit
{
    /// <inheritdoc />
    /// <remarks>Whatever refers to the content is committed after it, in the same ordered journal, by an fsynced episode.</remarks>
    public override bool RequiresSync => false;
}
