using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

using DurableTask.Core.Exceptions;
using DurableAgents.Durability;

namespace DurableAgents.Schedules;

/// <summary>A schedule as clients see it.</summary>
/// <param name="Definition">The definition.</param>
/// <param name="RuntimeStatus">The orchestration's status; null when it does not exist (disabled or not started yet).</param>
/// <param name="Status">The live status, when the orchestration has reported one.</param>
public sealed record ScheduleView(ScheduleDefinition Definition, OrchestrationRuntimeStatus? RuntimeStatus, ScheduleStatus? Status);

/// <summary>What happened to a schedule command.</summary>
public enum ScheduleCommandResult
{
    /// <summary>Delivered to the schedule's orchestration.</summary>
    Accepted,

    /// <summary>No schedule has this name.</summary>
    NotFound,

    /// <summary>The schedule is disabled or its orchestration is not running.</summary>
    NotRunning,
}

/// <summary>Reads schedules, ensures their orchestrations exist, and sends them pause, resume and trigger.</summary>
public sealed class ScheduleClient(DurableTaskClient client, ScheduleCatalog catalog)
{
    /// <summary>The schedules.</summary>
    public ScheduleCatalog Catalog => catalog;

    /// <summary>Every schedule with its live status.</summary>
    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var views = new List<ScheduleView>();
        foreach (var schedule in catalog.Schedules)
        {
            views.Add(await ReadAsync(schedule, cancellationToken));
        }

        return views;
    }

    /// <summary>One schedule, or null.</summary>
    public async Task<ScheduleView?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        catalog.Find(name) is { } schedule ? await ReadAsync(schedule, cancellationToken) : null;

    /// <summary>Sends a control command (pause, resume, trigger).</summary>
    public async Task<ScheduleCommandResult> SendAsync(string name, string action, CancellationToken cancellationToken = default)
    {
        if (catalog.Find(name) is not { } schedule)
        {
            return ScheduleCommandResult.NotFound;
        }

        var metadata = await client.GetInstanceAsync(schedule.InstanceId, cancellation: cancellationToken);
        if (!metadata.IsLive())
        {
            return ScheduleCommandResult.NotRunning;
        }

        await client.RaiseEventAsync(schedule.InstanceId, ScheduleNames.ControlEvent, new ScheduleControl(action), cancellationToken);
        return ScheduleCommandResult.Accepted;
    }

    /// <summary>
    /// Makes the schedule's orchestration match the definition: starts it when enabled and absent (idempotent across
    /// hosts: a concurrent start is refused by the fixed id), updates a changed definition, and ends it when disabled.
    /// </summary>
    public async Task EnsureAsync(ScheduleDefinition schedule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var metadata = await client.GetInstanceAsync(schedule.InstanceId, getInputsAndOutputs: true, cancellationToken);
        var running = metadata.IsLive();
        if (!schedule.Enabled)
        {
            if (running)
            {
                await client.TerminateInstanceAsync(schedule.InstanceId, "Schedule disabled in configuration.", cancellationToken);
            }

            return;
        }

        if (!running)
        {
            try
            {
                await client.ScheduleNewOrchestrationInstanceAsync(
                    ScheduleNames.Orchestrator, new ScheduleState(schedule), new StartOrchestrationOptions { InstanceId = schedule.InstanceId }, cancellationToken);
            }
            catch (OrchestrationAlreadyExistsException)
            {
                // Another host started it first: exactly what we wanted.
            }

            return;
        }

        var current = TryRead(metadata!)?.Schedule;
        if (current is not null && current != schedule)
        {
            await client.RaiseEventAsync(schedule.InstanceId, ScheduleNames.ControlEvent, new ScheduleControl(ScheduleControl.Update, schedule), cancellationToken);
        }
    }

    private async Task<ScheduleView> ReadAsync(ScheduleDefinition schedule, CancellationToken cancellationToken)
    {
        var metadata = await client.GetInstanceAsync(schedule.InstanceId, getInputsAndOutputs: true, cancellationToken);
        return new ScheduleView(schedule, metadata?.RuntimeStatus, metadata is null ? null : TryRead(metadata));
    }

    private static ScheduleStatus? TryRead(OrchestrationMetadata metadata)
    {
        try
        {
            return metadata.ReadCustomStatusAs<ScheduleStatus>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
