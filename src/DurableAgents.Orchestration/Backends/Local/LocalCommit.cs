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
internal abstract record LocalCommit;

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

internal sealed record CompleteActivityCommit(string ActivityMessageId, TaskMessage Reply) : LocalCommit;

internal sealed record PurgeCommit(string InstanceId) : LocalCommit;

internal sealed record RestoreInstanceCommit(OrchestrationState State, IReadOnlyList<HistoryEvent> History, IReadOnlyList<TaskMessage> Messages) : LocalCommit;

internal sealed record RestoreActivitiesCommit(IReadOnlyList<TaskMessage> Messages) : LocalCommit;
