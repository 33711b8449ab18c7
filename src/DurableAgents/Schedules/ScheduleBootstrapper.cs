using DurableAgents.Agents;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Schedules;

/// <summary>At start, makes sure each enabled schedule's orchestration exists (and each disabled one does not).</summary>
public sealed partial class ScheduleBootstrapper(ScheduleClient schedules, IAgentCatalog agents, ILogger<ScheduleBootstrapper> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var schedule in schedules.Catalog.Schedules)
        {
            if (agents.Find(schedule.Agent) is null)
            {
                throw new InvalidOperationException(
                    $"Schedule '{schedule.Name}' names agent '{schedule.Agent}', which is not registered. Register the agent or fix the schedule's 'agent'.");
            }

            await schedules.EnsureAsync(schedule, cancellationToken);
            Log.Ensured(logger, schedule.Name, schedule.Cron, schedule.TimeZone ?? "UTC", schedule.Enabled);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Schedule {Name} ({Cron}, {Zone}) enabled={Enabled}")]
        public static partial void Ensured(ILogger logger, string name, string cron, string zone, bool enabled);
    }
}
