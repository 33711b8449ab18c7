using Microsoft.DurableTask;

namespace DurableAgents.Schedules;

/// <summary>Firing occurrences, the overlap policy and control commands.</summary>
public sealed partial class ScheduleOrchestrator
{
    private static async Task<ScheduleState> FireAsync(TaskOrchestrationContext context, ScheduleState state, DateTime occurrence)
    {
        state = state with { LastOccurrence = occurrence };
        var runId = ScheduleNames.RunId(state.Schedule.Name, occurrence);
        if (state.Schedule.Overlap == ScheduleOverlapPolicy.Allow || !await IsActiveAsync(context, state.LastRunId))
        {
            return await StartAsync(context, state, runId, occurrence);
        }

        if (state.Schedule.Overlap == ScheduleOverlapPolicy.BufferOne && state.Buffered is null)
        {
            return state with { Buffered = occurrence, LastOutcome = $"Buffered {runId}: {state.LastRunId} is still running." };
        }

        return state with { Skipped = state.Skipped + 1, LastOutcome = $"Skipped {runId}: {state.LastRunId} is still running." };
    }

    private static async Task<ScheduleState> StartAsync(TaskOrchestrationContext context, ScheduleState state, string runId, DateTime? occurrence)
    {
        var result = await context.CallActivityAsync<ScheduledRunStart>(
            ScheduleNames.StartRunActivity, new ScheduledRunRequest(runId, state.Schedule.Agent, state.Schedule.Input, occurrence, state.Schedule.User));
        return result.Started
            ? state with { LastRunId = runId, Fired = state.Fired + 1, LastOutcome = $"Started {runId}." }
            : state with { LastOutcome = result.Message };
    }

    private static async Task<bool> IsActiveAsync(TaskOrchestrationContext context, string? runId) =>
        runId is not null && await context.CallActivityAsync<bool>(ScheduleNames.IsRunActiveActivity, runId);

    private static async Task<ScheduleState> ApplyAsync(TaskOrchestrationContext context, ScheduleState state, ScheduleControl control)
    {
        var now = context.CurrentUtcDateTime;
        switch (control.Action)
        {
            case ScheduleControl.Pause:
                return state with { Paused = true, Buffered = null, LastOutcome = "Paused." };
            case ScheduleControl.Resume when state.Paused:
                // Count from now: what came due while paused is not caught up.
                return state with { Paused = false, LastOccurrence = now, LastOutcome = "Resumed." };
            case ScheduleControl.Trigger:
                return await StartAsync(context, state, ScheduleNames.ManualRunId(state.Schedule.Name, now, context.NewGuid()), null);
            case ScheduleControl.Update when control.Schedule is { } updated && updated.Name == state.Schedule.Name:
                return state with { Schedule = updated, LastOutcome = "Definition updated." };
            default:
                return state;
        }
    }

    private static void SetStatus(TaskOrchestrationContext context, ScheduleState state, DateTime? next) =>
        context.SetCustomStatus(new ScheduleStatus
        {
            State = state.Paused ? "paused" : "active",
            Schedule = state.Schedule,
            NextOccurrence = state.Paused ? null : next,
            LastOccurrence = state.LastOccurrence,
            LastRunId = state.LastRunId,
            Buffered = state.Buffered,
            Fired = state.Fired,
            Skipped = state.Skipped,
            LastOutcome = state.LastOutcome,
        });
}
