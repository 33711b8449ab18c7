using Azure;
using DurableAgents.Orchestration.Backend;

namespace DurableAgents.Orchestration.AzureStorage.Instances;

/// <summary>The state blob of one instance: its state plus where its history lives.</summary>
/// <param name="State">The orchestration state.</param>
/// <param name="Generation">Bumped when the history is replaced (ContinueAsNew, or a finished instance started again).</param>
/// <param name="Chunks">
/// The ids of this generation's history chunks, in order. Each commit writes its chunk under a fresh id, so a chunk written by a
/// host that then loses the ETag race never replaces the winner's chunk.
/// </param>
internal sealed record InstanceRecord(OrchestrationState State, int Generation, IReadOnlyList<string> Chunks);

/// <summary>A state blob as read, with the ETag that a conditional write must match.</summary>
/// <param name="Record">The record.</param>
/// <param name="ETag">Its ETag.</param>
internal sealed record StoredInstance(InstanceRecord Record, ETag ETag);
