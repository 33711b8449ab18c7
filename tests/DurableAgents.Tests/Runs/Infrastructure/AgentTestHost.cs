using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Orchestration;
using DurableAgents.Orchestration.Client;
using DurableAgents.Runs;
using DurableAgents.Runs.Conversation;
using DurableAgents.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Tests.Runs.Infrastructure;

/// <summary>A real generic host running agents on the in-memory (or file) backend, for run tests.</summary>
internal sealed class AgentTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private AgentTestHost(IHost host)
    {
        _host = host;
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
        builder.Logging.ClearProviders();
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        if (defaultModel is not null)
        {
            builder.Services.AddSingleton(defaultModel);
        }

        var durable = builder.Services.AddDurableAgents();
        durable.Worker.Configure(o => o.ShutdownGracePeriod = TimeSpan.FromSeconds(2));
        if (fileDataPath is null)
        {
            durable.Worker.UseInMemoryBackend();
        }
        else
        {
            durable.Worker.UseFileBackend(fileDataPath);
        }

        agents(durable);
        var host = builder.Build();
        await host.StartAsync();
        return new AgentTestHost(host);
    }

    /// <summary>Starts a run and returns its result once it finishes.</summary>
    public async Task<AgentRunResult> RunAsync(string agent, string goal, string? runId = null)
    {
        var id = await Runs.StartRunAsync(agent, goal, runId);
        return await WaitForResultAsync(id);
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
    }
}
