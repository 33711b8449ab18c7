using Azure;
using DurableAgents.Orchestration.Backend;
using DurableAgents.Orchestration.History;

namespace DurableAgents.Orchestration.AzureStorage.Instances;

/// <summary>The stored state of one instance: its state plus where its history lives.</summary>
/// <param name="State">The orchestration state.</param>
/// <param name="Generation">Bumped when the history is replaced (ContinueAsNew, or a finished instance started again).</param>
/// <param name="Chunks">
/// The ids of this generation's history chunks, in order. Each commit writes its chunk under a fresh id, so a chunk written by a
/// host that then loses the ETag race never replaces the winner's chunk.
/// </param>
/// <param name="Tail">
/// The newest events, kept inline until they outgrow <see cref="InlineLimitBytes"/> and move to a chunk: most episodes then write
/// one entity instead of an entity and a blob, and the state stays bounded.
/// </param>
internal sealed record InstanceRecord(OrchestrationState State, int Generation, IReadOnlyList<string> Chunks, IReadOnlyList<HistoryEvent>? Tail = null)
{
    /// <summary>Inline history above this size (serialized) moves to a chunk blob.</summary>
    public const int InlineLimitBytes = 16 * 1024;
}

/// <summary>A state entity as read or written, with the ETag that a conditional write must match.</summary>
/// <param name="Record">The record.</param>
/// <param name="ETag">The entity's ETag.</param>
/// <param name="Body">The blob holding the record when it is too large for the entity; null when it is inline.</param>
internal sealed record StoredInstance(InstanceRecord Record, ETag ETag, string? Body = null);
