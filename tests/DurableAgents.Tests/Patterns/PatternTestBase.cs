using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Hosting;
using DurableAgents.Runs;
using DurableAgents.Testing;
using DurableAgents.Tests.Runs.Infrastructure;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Patterns;

/// <summary>Pattern runs on the SQLite provider, with agents made in each test (scripted or offline models).</summary>
public abstract class PatternTestBase : IAsyncDisposable
{
    internal static AgentPolicy FastPolicy => new()
    {
        ModelRetryFirstInterval = TimeSpan.FromMilliseconds(10),
        ToolRetryFirstInterval = TimeSpan.FromMilliseconds(10),
        RestateGoalEvery = 0,
    };

    internal AgentTestHost Host { get; private set; } = null!;

    internal async Task<AgentTestHost> StartAsync(Action<DurableAgentsBuilder> agents)
    {
        Host = await AgentTestHost.StartAsync(agents);
        return Host;
    }

    internal static AgentDefinition Agent(string name, IChatClient model, Action<AgentDefinition>? configure = null)
    {
        var agent = new AgentDefinition(name) { Model = model, Policy = FastPolicy, Description = $"The {name}." };
        configure?.Invoke(agent);
        return agent;
    }

    /// <summary>A scripted reply that is the JSON text of <paramref name="value"/>.</summary>
    internal static ChatResponse Json(object value) => Reply.Text(JsonSerializer.Serialize(value));

    /// <summary>Waits until the run's status is in <paramref name="phase"/>.</summary>
    internal async Task<AgentRunView> WaitForPhaseAsync(string runId, string phase) => await Host.WaitForPhaseAsync(runId, phase);

    /// <summary>The run's result once its orchestration completes (any outcome).</summary>
    internal async Task<AgentRunResult> ResultAsync(string runId)
    {
        await Host.Orchestrations.WaitForInstanceCompletionAsync(runId, getInputsAndOutputs: true, TestDeadline.Token());
        return (await Host.Runs.GetRunAsync(runId))?.Result ?? throw new InvalidOperationException($"Run {runId} has no result.");
    }

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
