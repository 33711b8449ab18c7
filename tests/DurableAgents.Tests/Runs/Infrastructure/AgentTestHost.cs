using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.DurableTask;
using DurableAgents.DurableTask.Sqlite;
using Microsoft.DurableTask.Client;
using DurableAgents.Runs;
using DurableAgents.Runs.Conversation;
using DurableAgents.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Tests.Runs.Infrastructure;

/// <summary>A real generic host running agents on the SQLite provider (a temporary file, or a given data folder), for run tests.</summary>
internal sealed class AgentTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempFolder? _scratch;

    private AgentTestHost(IHost host, TempFolder? scratch)
    {
        _host = host;
        _scratch = scratch;
        Runs = host.Services.GetRequiredService<AgentRunClient>();
        Store = host.Services.GetRequiredService<IConversationStore>();
    }

    public AgentRunClient Runs { get; }

    public DurableTaskClient Orchestrations => Runs.Orchestrations;

    public IConversationStore Store { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<AgentTestHost> StartAsync(
        Action<DurableAgentsBuilder> agents, IChatClient? defaultModel = null, TimeProvider? time = null, string? fileDataPath = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (Environment.GetEnvironmentVariable("DURABLEAGENTS_TEST_LOGS") is null)
        {
            builder.Logging.ClearProviders();
        }
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        if (defaultModel is not null)
        {
            builder.Services.AddSingleton(defaultModel);
        }

        var durable = builder.Services.AddDurableAgents();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        var scratch = fileDataPath is null ? new TempFolder("da-run") : null;
        var settings = new SqliteOrchestrationServiceSettings
        {
            DatabasePath = Path.Combine(fileDataPath ?? scratch!.Path, "taskhub.db"),
            TimeProvider = time ?? TimeProvider.System,
            ExtendedSessionIdleTimeout = TimeSpan.FromSeconds(5),
        };
        durable.Worker.UseSqlite(settings);
        if (fileDataPath is not null)
        {
            builder.Services.AddSingleton<IConversationStore>(new FileConversationStore(Path.Combine(fileDataPath, "conversations")));
        }

        durable.Client.UseSqlite(settings);
        if (time is not null)
        {
            durable.Worker.UseOrchestrationClock(time);
        }

        agents(durable);
        var host = builder.Build();
        await host.StartAsync();
        return new AgentTestHost(host, scratch);
    }

    /// <summary>Starts a run and returns its result once it finishes.</summary>
    public async Task<AgentRunResult> RunAsync(string agent, string goal, string? runId = null)
    {
        var id = await Runs.StartRunAsync(agent, goal, runId);
        return await WaitForResultAsync(id);
    }

    /// <summary>Every instance id in the task hub (runs, sub-agent runs, schedules).</summary>
    public async Task<IReadOnlyList<string>> InstanceIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var instance in Orchestrations.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 100 }))
        {
            ids.Add(instance.InstanceId);
        }

        return ids;
    }

    public async Task<AgentRunResult> WaitForResultAsync(string runId)
    {
        var metadata = await Orchestrations.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.True(metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"Run {runId} ended {metadata.RuntimeStatus}: {metadata.FailureDetails}");
        var view = await Runs.GetRunAsync(runId);
        return view?.Result ?? throw new InvalidOperationException($"Run {runId} has no result.");
    }

    /// <summary>Waits until the run's custom status is in <paramref name="phase"/>.</summary>
    public async Task<AgentRunView> WaitForPhaseAsync(string runId, string phase)
    {
        AgentRunView? view = null;
        await TestDeadline.WaitUntilAsync(async () =>
        {
            view = await Runs.GetRunAsync(runId);
            return view?.Status?.Phase == phase;
        }, $"run {runId} in phase {phase} (now {view?.Status?.Phase})");
        return view!;
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _scratch?.Dispose();
    }
}
