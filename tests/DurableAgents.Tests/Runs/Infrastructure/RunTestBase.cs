using DurableAgents.Agents;
using DurableAgents.Runs;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Runs.Infrastructure;

/// <summary>Shared set-up for run tests: one agent "worker" with a scripted model, on the in-memory backend.</summary>
public abstract class RunTestBase : IAsyncDisposable
{
    internal const string AgentName = "worker";

    internal ScriptedChatClient Model { get; } = new();

    internal TestTools Tools { get; } = new();

    internal AgentTestHost? Host { get; private set; }

    /// <summary>A policy with fast retries, for tests.</summary>
    internal static AgentPolicy FastPolicy => new()
    {
        ModelRetryFirstInterval = TimeSpan.FromMilliseconds(10),
        ToolRetryFirstInterval = TimeSpan.FromMilliseconds(10),
        RestateGoalEvery = 0,
    };

    internal async Task<AgentTestHost> StartAsync(AgentPolicy? policy = null, IEnumerable<AgentTool>? tools = null, TimeProvider? time = null,
        Action<AgentDefinition>? configure = null, string? fileDataPath = null, Action<Hosting.DurableAgentsBuilder>? more = null)
    {
        Host = await AgentTestHost.StartAsync(b =>
        {
            b.AddAgent(AgentName, a =>
            {
                a.Model = Model;
                a.Instructions = "You are a test agent.";
                a.Policy = policy ?? FastPolicy;
                a.Tools.AddRange(tools ?? [Tools.Lookup()]);
                configure?.Invoke(a);
            });
            more?.Invoke(b);
        }, time: time, fileDataPath: fileDataPath);
        return Host;
    }

    internal Task<AgentRunResult> RunAsync(string goal = "Find the answer.") => Host!.RunAsync(AgentName, goal);

    /// <summary>The tool results the model saw in call <paramref name="index"/> (0-based), for the given call id.</summary>
    internal string ResultSeen(int index, string callId) =>
        Model.Calls[index].Messages.SelectMany(m => m.Contents).OfType<FunctionResultContent>()
            .Single(r => r.CallId == callId).Result?.ToString() ?? "";

    /// <summary>Stops and disposes the host (releasing its data folder) before the test ends.</summary>
    internal async Task StopHostAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
            Host = null;
        }
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
