using Microsoft.DurableTask;

namespace DurableAgents.Schedules;

/// <summary>
/// The eternal orchestration behind one schedule: compute the next occurrence, wait on a durable timer (or a control
/// event), start the run with a deterministic id, and continue as new. One execution deals with one occurrence or one command.
/// </summary>
/// <remarks>
/// Catch-up: when the schedule wakes late (the host was down), each occurrence missed within
/// <see cref="ScheduleDefinition.CatchUpWindow"/> fires once, oldest first, one per execution; older ones are dropped.
/// An occurrence late by less than <see cref="OnTimeTolerance"/> counts as on time even with a zero window.
/// Occurrences while paused are not caught up. A manual trigger always starts a run.
/// </remarks>
public sealed partial class ScheduleOrchestrator : TaskOrchestrator<ScheduleState, string?>
{
    /// <summary>Lateness that still counts as on time (a timer fires a little after its due time).</summary>
    public static readonly TimeSpan OnTimeTolerance = TimeSpan.FromMinutes(1);

    /// <summary>How often a buffered occurrence checks whether the running run has finished.</summary>
    public static readonly TimeSpan BufferPollInterval = TimeSpan.FromSeconds(15);

    /// <inheritdoc />
    public override async Task<string?> RunAsync(TaskOrchestrationContext context, ScheduleState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var now = context.CurrentUtcDateTime;

        // The first execution starts counting from now: a new schedule does not fire occurrences from before it existed.
        var state = input.LastOccurrence is null ? input with { LastOccurrence = now } : input;

        // Reported before any await: a new execution starts with no custom status, and a reader between generations
        // (an activity of this one is running) would otherwise see none.
        var due = state.Paused ? null : NextDue(state, now);
        SetStatus(context, state, due);
        if (state.Paused)
        {
            var control = await context.WaitForExternalEvent<ScheduleControl>(ScheduleNames.ControlEvent);
            context.ContinueAsNew(await ApplyAsync(context, state, control));
            return null;
        }

        if (state.Buffered is { } buffered && !await IsActiveAsync(context, state.LastRunId))
        {
            state = await StartAsync(context, state with { Buffered = null }, ScheduleNames.RunId(state.Schedule.Name, buffered), buffered);
            context.ContinueAsNew(state);
            return null;
        }

        if (due is { } occurrence && occurrence <= now)
        {
            context.ContinueAsNew(await FireAsync(context, state, occurrence));
            return null;
        }

        var wake = due;
        if (state.Buffered is not null)
        {
            var poll = now + BufferPollInterval;
            wake = wake is { } d && d < poll ? d : poll;
        }

        var command = await WaitAsync(context, wake);
        context.ContinueAsNew(command is null ? state : await ApplyAsync(context, state, command));
        return null;
    }

    private static DateTime? NextDue(ScheduleState state, DateTime now)
    {
        var schedule = state.Schedule;
        var cron = CronSchedule.Parse(schedule.Cron);
        var zone = CronSchedule.ResolveZone(schedule.TimeZone);
        var earliest = now - schedule.CatchUpWindow - OnTimeTolerance;
        var from = state.LastOccurrence!.Value > earliest ? state.LastOccurrence.Value : earliest;
        return cron.NextAfter(new DateTimeOffset(DateTime.SpecifyKind(from, DateTimeKind.Utc)), zone)?.UtcDateTime;
    }

    // Waits for the timer or a control event, whichever comes first; null means the timer fired.
    private static async Task<ScheduleControl?> WaitAsync(TaskOrchestrationContext context, DateTime? wake)
    {
        using var eventCts = new CancellationTokenSource();
        var controlTask = context.WaitForExternalEvent<ScheduleControl>(ScheduleNames.ControlEvent, eventCts.Token);
        if (wake is null)
        {
            return await controlTask;
        }

        using var timerCts = new CancellationTokenSource();
        var timerTask = context.CreateTimer(wake.Value, timerCts.Token);
        if (await Task.WhenAny(controlTask, timerTask) == controlTask)
        {
            timerCts.Cancel();
            return await controlTask;
        }

        eventCts.Cancel();
        return null;
    }
}
