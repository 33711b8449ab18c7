using Microsoft.Extensions.Time.Testing;
using DurableAgents.Agents;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.DurableTask;
using DurableAgents.DurableTask.Sqlite;
using Microsoft.DurableTask.Client;
using DurableAgents.Schedules;
using DurableAgents.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Host.Tests.Schedules;

/// <summary>A worker host with schedules on a manual clock, on SQLite (a temporary file, or a given data folder).</summary>
public sealed class ScheduleHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder? _scratch;

    private ScheduleHost(IHost host, TempFolder? scratch)
    {
        _host = host;
        _scratch = scratch;
    }

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public ScheduleClient Schedules => _host.Services.GetRequiredService<ScheduleClient>();

    public static async Task<ScheduleHost> StartAsync(FakeTimeProvider clock, string? dataPath, params ScheduleDefinition[] schedules)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        if (Environment.GetEnvironmentVariable("DURABLEAGENTS_TEST_LOGS") is null)
        {
            builder.Logging.ClearProviders();
        }
        builder.Services.AddSingleton<TimeProvider>(clock);
        StandInAgentRun.Install(builder.Services);
        var agents = builder.Services.AddDurableAgents();
        var scratch = dataPath is null ? new TempFolder("da-schedules") : null;
        var settings = new SqliteOrchestrationServiceSettings { DatabasePath = Path.Combine(dataPath ?? scratch!.Path, "taskhub.db"), TimeProvider = clock };
        agents.Worker.UseSqlite(settings).UseOrchestrationClock(clock);
        agents.Client.UseSqlite(settings);
        agents.AddAgent(new AgentDefinition("worker"));
        foreach (var schedule in schedules)
        {
            agents.AddSchedule(schedule);
        }

        var host = builder.Build();
        await host.StartAsync();
        return new ScheduleHost(host, scratch);
    }

    public async Task<ScheduleStatus> WaitForStatusAsync(string name, Func<ScheduleStatus, bool> condition, string what)
    {
        ScheduleStatus? last = null;
        try
        {
            await TestDeadline.WaitUntilAsync(async () =>
            {
                last = (await Schedules.GetAsync(name))?.Status;
                return last is not null && condition(last);
            }, what);
        }
        catch (TimeoutException timeout)
        {
            // The status seen last, read after the wait (an interpolated message would be made before it).
            throw new TimeoutException($"{timeout.Message} (last status: {(last is null ? "none" : System.Text.Json.JsonSerializer.Serialize(last))})", timeout);
        }

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

    /// <summary>Waits for every run with this id prefix to complete, then returns how many times each was started.</summary>
    /// <remarks>A run the schedule has just scheduled may not have run its first activity yet, so its start is counted after it ends.</remarks>
    public async Task<Dictionary<string, int>> StartsOfCompletedRunsAsync(string prefix)
    {
        var starts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in await RunIdsAsync(prefix))
        {
            await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());
            starts[id] = StandInAgentRun.Starts.GetValueOrDefault(id);
        }

        return starts;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _scratch?.Dispose();
    }
}
