using DurableAgents.Agents;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Orchestration.Client;
using DurableAgents.Schedules;
using DurableAgents.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Host.Tests.Schedules;

/// <summary>A worker host with schedules on a manual clock, on the in-memory or the file backend.</summary>
public sealed class ScheduleHost : IAsyncDisposable
{
    private readonly IHost _host;

    private ScheduleHost(IHost host) => _host = host;

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public ScheduleClient Schedules => _host.Services.GetRequiredService<ScheduleClient>();

    public static async Task<ScheduleHost> StartAsync(ManualTimeProvider clock, string? dataPath, params ScheduleDefinition[] schedules)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        var agents = builder.Services.AddDurableAgents();
        if (dataPath is null)
        {
            agents.Worker.UseInMemoryBackend();
        }
        else
        {
            agents.Worker.UseFileBackend(dataPath);
        }

        agents.AddAgent(new AgentDefinition("worker"));
        agents.Worker.AddTasks(StandInAgentRun.Register);
        foreach (var schedule in schedules)
        {
            agents.AddSchedule(schedule);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new ScheduleHost(host);
    }

    public async Task<ScheduleStatus> WaitForStatusAsync(string name, Func<ScheduleStatus, bool> condition, string what)
    {
        ScheduleStatus? last = null;
        await TestDeadline.WaitUntilAsync(async () =>
        {
            last = (await Schedules.GetAsync(name))?.Status;
            return last is not null && condition(last);
        }, what);
        return last!;
    }

    public async Task<List<string>> RunIdsAsync(string prefix)
    {
        var ids = new List<string>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = prefix }))
        {
            ids.Add(instance.InstanceId);
        }

        return ids.Order(StringComparer.Ordinal).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
