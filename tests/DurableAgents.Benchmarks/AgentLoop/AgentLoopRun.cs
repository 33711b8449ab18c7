using System.Diagnostics;
using DurableAgents.Agents;
using DurableAgents.Host.Hosting;
using DurableAgents.Runs;
using DurableAgents.Runs.Conversation;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Benchmarks.AgentLoop;

/// <summary>What one agent-loop run measured.</summary>
/// <param name="MsPerStep">Wall time per model call (snapshots left out); the model and the tool do no work, so this is the runtime's cost.</param>
/// <param name="BeforeLast">Stored bytes and content after <c>steps</c> - 1 tool steps.</param>
/// <param name="AtLast">Stored bytes and content after all tool steps, when the model is called to answer.</param>
/// <param name="AtEnd">Stored bytes once the run finished (its output included).</param>
internal sealed record AgentLoopResult(double MsPerStep, (StoredBytes Stored, long Content) BeforeLast, (StoredBytes Stored, long Content) AtLast, StoredBytes AtEnd);

/// <summary>
/// One run of the real AgentRun orchestration on a fresh SQLite task hub, set up as the embedded host sets itself up
/// (<see cref="BackendSelection"/>: the provider and <see cref="SqliteConversationStore"/> in <c>{data}/taskhub.db</c>).
/// </summary>
internal static class AgentLoopRun
{
    private const string AgentName = "bench";
    private const string RunId = "agent-loop-benchmark";

    public static async Task<AgentLoopResult> RunAsync(int steps, int parallelCalls, CancellationToken cancellation)
    {
        var folder = Directory.CreateTempSubdirectory("durableagents-bench-agent");
        try
        {
            return await RunInAsync(folder.FullName, steps, parallelCalls, cancellation);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<AgentLoopResult> RunInAsync(string folder, int steps, int parallelCalls, CancellationToken cancellation)
    {
        var databasePath = Path.Combine(folder, BackendSelection.DatabaseFile);
        IServiceProvider? services = null;
        var model = new BenchmarkChatClient(steps, parallelCalls,
            () => StoredBytes.ReadAsync(databasePath, services!.GetRequiredService<IConversationStore>(), RunId));
        var toolCalls = 0;
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        builder.Logging.ClearProviders();
        var agents = builder.Services.AddDurableAgents();
        BackendSelection.Apply(agents, new ConfigurationBuilder().Build(), new DurableAgentsHostOptions { DataPath = folder, Backend = "sqlite" });
        agents.AddAgent(AgentName, a =>
        {
            a.Model = model;
            a.Tools.Add(new AgentTool(AIFunctionFactory.Create(
                (int step, int call) =>
                {
                    Interlocked.Increment(ref toolCalls);
                    return $"result of step {step} call {call}: " + new string('r', 200);
                },
                BenchmarkChatClient.ToolName, "A benchmark tool.")));
            // No compaction: the scripted model would take the summary request for a step.
            a.Policy = new AgentPolicy { MaxSteps = steps + 2, ContextBudgetTokens = int.MaxValue };
        });
        using var host = builder.Build();
        services = host.Services;
        await host.StartAsync(cancellation);
        try
        {
            var runs = host.Services.GetRequiredService<AgentRunClient>();
            var watch = Stopwatch.StartNew();
            await runs.StartRunAsync(AgentName, "Benchmark goal: call the tool every step.", RunId, cancellationToken: cancellation);
            var done = await runs.Orchestrations.WaitForInstanceCompletionAsync(RunId, getInputsAndOutputs: true, cancellation);
            watch.Stop();
            var result = done.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? done.ReadOutputAs<AgentRunResult>() : null;
            if (result?.Outcome != AgentRunOutcome.Completed || result.Steps != steps + 1 || toolCalls != steps * parallelCalls)
            {
                throw new InvalidOperationException(
                    $"The benchmark run ended {done.RuntimeStatus} / {result?.Outcome} after {result?.Steps} model calls and {toolCalls} tool " +
                    $"calls (expected {steps + 1} and {steps * parallelCalls}): {result?.Reason ?? done.FailureDetails?.ErrorMessage}");
            }

            var end = await StoredBytes.ReadAsync(databasePath, host.Services.GetRequiredService<IConversationStore>(), RunId);
            var msPerStep = (watch.Elapsed - model.SnapshotTime).TotalMilliseconds / model.Calls;
            return new AgentLoopResult(msPerStep, model.BeforeLastStep, model.AtLastStep, end);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }
}
