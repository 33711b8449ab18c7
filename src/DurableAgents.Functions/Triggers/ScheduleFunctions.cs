using DurableAgents.Runs;
using DurableAgents.Samples;
using DurableAgents.Schedules;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Functions.Triggers;

/// <summary>
/// One timer trigger per schedule: its NCRONTAB expression is an app setting (<c>Schedules__DailyResearch__Cron</c>; Linux app
/// setting names allow letters, digits and '_' only, hence not the schedule's own name), the agent and input come from the
/// schedule's definition, and the run id from the occurrence (<see cref="ScheduleOccurrence"/>), so one occurrence starts one
/// run. To add a schedule, register its definition and add a function here with its own setting.
/// </summary>
public sealed partial class ScheduleFunctions(
    AgentRunClientFactory runs, ScheduleCatalog schedules, IConfiguration configuration, TimeProvider time, ILogger<ScheduleFunctions> logger)
{
    /// <summary>The app setting with the research sample's NCRONTAB expression.</summary>
    public const string DailyResearchCronSetting = "Schedules:DailyResearch:Cron";

    /// <summary>The research sample's schedule (<see cref="SampleAgents.ResearchSchedule"/>).</summary>
    [Function("Schedule_daily-research")]
    public Task<ScheduledRunStart> DailyResearchAsync(
        [TimerTrigger($"%{DailyResearchCronSetting}%")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        FireAsync(SampleAgents.ResearchSchedule, DailyResearchCronSetting, timer, client, cancellationToken);

    /// <summary>Starts the occurrence's run unless a run with its id exists; returns what it did.</summary>
    public async Task<ScheduledRunStart> FireAsync(
        string schedule, string cronSetting, TimerInfo timer, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var definition = schedules.Find(schedule) ?? throw new InvalidOperationException(
            $"The timer for schedule '{schedule}' fired, but no schedule of that name is registered. Register its definition (AddSchedule) or remove the function.");
        if (!definition.Enabled)
        {
            LogDisabled(schedule);
            return new ScheduledRunStart(false, $"Schedule '{schedule}' is disabled.");
        }

        var occurrence = ScheduleOccurrence.Of(timer.ScheduleStatus?.Next, configuration[cronSetting], time.GetUtcNow());
        var request = new ScheduledRunRequest(ScheduleNames.RunId(schedule, occurrence), definition.Agent, definition.Input, occurrence, definition.User);
        var start = await ScheduledRuns.StartAsync(runs.Create(client), request, cancellationToken);
        LogFired(schedule, occurrence, timer.IsPastDue, request.RunId, start.Started, start.Message ?? "started");
        return start;
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "Schedule {Schedule} occurrence {Occurrence:o} (past due: {IsPastDue}): run {RunId} started={Started} ({Detail})")]
    private partial void LogFired(string schedule, DateTime occurrence, bool isPastDue, string runId, bool started, string detail);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Schedule {Schedule} is disabled; its timer started nothing")]
    private partial void LogDisabled(string schedule);
}
