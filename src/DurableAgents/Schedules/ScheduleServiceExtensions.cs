using DurableAgents.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Microsoft.DurableTask.Worker;

namespace DurableAgents.Schedules;

/// <summary>DI registration of durable cron schedules.</summary>
public static class ScheduleServiceExtensions
{
    /// <summary>
    /// Adds the schedule catalog and, when the builder registers tasks, the schedule orchestration, its client and the bootstrapper;
    /// schedules come from <see cref="ScheduleOptions"/> and <see cref="AddSchedule"/>.
    /// </summary>
    public static DurableAgentsBuilder AddSchedules(this DurableAgentsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(d => d.ServiceType == typeof(ScheduleCatalog)))
        {
            return builder;
        }

        builder.Services.AddOptions<ScheduleOptions>();
        builder.Services.TryAddSingleton<ScheduleCatalog>();
        if (!builder.RegistersTasks)
        {
            return builder; // definitions only: the host's own triggers (Functions timers) start the runs
        }

        builder.Worker.AddTasks(r => r
            .AddOrchestrator(ScheduleNames.Orchestrator, () => new ScheduleOrchestrator())
            .AddActivity(ScheduleNames.StartRunActivity, sp => ActivatorUtilities.CreateInstance<StartScheduledRunActivity>(sp))
            .AddActivity(ScheduleNames.IsRunActiveActivity, sp => ActivatorUtilities.CreateInstance<IsRunActiveActivity>(sp)));
        builder.Services.TryAddSingleton<ScheduleClient>();
        builder.Services.AddHostedService<ScheduleBootstrapper>();
        return builder;
    }

    /// <summary>Adds a schedule defined in code.</summary>
    public static DurableAgentsBuilder AddSchedule(this DurableAgentsBuilder builder, ScheduleDefinition schedule)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(schedule);
        schedule.Validate();
        builder.Services.AddSingleton(schedule);
        return builder.AddSchedules();
    }
}
