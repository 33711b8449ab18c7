using System.Diagnostics;
using DurableAgents.Agents;
using Microsoft.DurableTask;
using DurableAgents.Orchestration.Backend;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using DurableAgents.Runs.Conversation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Runs.Benchmark;

/// <summary>What one agent-loop benchmark run measured.</summary>
/// <param name="Steps">Tool-calling steps (the run makes one more model call to answer).</param>
/// <param name="ParallelCalls">Tool calls per step.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="EngineOverheadPerStepMs">Wall time per step; the model and tool do no work, so this is the runtime's own cost.</param>
/// <param name="StoredBytesAtStep10">Bytes the run keeps after step 10: its conversation entries plus its history (JSON).</param>
/// <param name="ContentBytesAtStep10">Characters of conversation content the model had seen after step 10.</param>
/// <param name="StoredBytesAtEnd">Bytes the run keeps at the end.</param>
/// <param name="ContentBytesAtEnd">Characters of conversation content at the end.</param>
public sealed record AgentLoopBenchmarkResult(
    int Steps, int ParallelCalls, TimeSpan Elapsed, double EngineOverheadPerStepMs,
    long StoredBytesAtStep10, long ContentBytesAtStep10, long StoredBytesAtEnd, long ContentBytesAtEnd)
{
    /// <summary>Bytes in the data folder at the end (the file backend's raw journal, before compaction), for comparison.</summary>
    public long RawFolderBytesAtEnd { get; init; }

    /// <summary>
    /// Bytes the run keeps after its last tool step, when the model is called to answer (measured like step 10; the content at
    /// that moment is <see cref="ContentBytesAtEnd"/>).
    /// </summary>
    public long StoredBytesAtLastStep { get; init; }

    /// <summary>Bytes the run keeps one step before the last (measured the same way).</summary>
    public long StoredBytesBeforeLastStep { get; init; }

    /// <summary>Content one step before the last.</summary>
    public long ContentBytesBeforeLastStep { get; init; }

    /// <summary>Stored bytes over content one step before the last.</summary>
    public double StorageRatioBeforeLastStep => ContentBytesBeforeLastStep == 0 ? 0 : (double)StoredBytesBeforeLastStep / ContentBytesBeforeLastStep;

    /// <summary>Stored bytes over content after the last tool step (1.0 = nothing stored but the content).</summary>
    public double StorageRatioAtLastStep => ContentBytesAtEnd == 0 ? 0 : (double)StoredBytesAtLastStep / ContentBytesAtEnd;

    /// <summary>Stored bytes over content at the end, once the run finished (its output included).</summary>
    public double StorageRatioAtEnd => ContentBytesAtEnd == 0 ? 0 : (double)StoredBytesAtEnd / ContentBytesAtEnd;
}

/// <summary>
/// The <c>--workload agent-loop</c> benchmark: a scripted model asks for <c>parallelCalls</c> tool calls per step for N steps, on
/// the given backend, with the backend's own conversation store.
/// </summary>
public static class AgentLoopBenchmark
{
    private const string AgentName = "bench";

    /// <summary>Runs the workload once and returns its measurements; <paramref name="dataPath"/> should be the backend's data folder.</summary>
    public static async Task<AgentLoopBenchmarkResult> RunAsync(IOrchestrationService backend, int steps, int parallelCalls, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(backend);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelCalls, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataPath);
        Directory.CreateDirectory(dataPath);

        const string runId = "agent-loop-benchmark";
        IServiceProvider? built = null;
        var model = new BenchmarkChatClient(steps, parallelCalls, () => StoredBytes(built!, runId));
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(backend);
        var agents = services.AddDurableAgents();
        agents.AddAgent(AgentName, a =>
        {
            a.Model = model;
            a.Tools.Add(new AgentTool(AIFunctionFactory.Create((int step, int call) => $"result of step {step} call {call}: " + new string('r', 200), "bench_tool", "A benchmark tool.")));
            a.Policy = new AgentPolicy { MaxSteps = steps + 2, LoopThreshold = 0, RestateGoalEvery = 0, ContextBudgetTokens = int.MaxValue };
        });
        await using var provider = services.BuildServiceProvider();
        built = provider;
        var worker = provider.GetRequiredService<DurableTaskWorker>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var client = provider.GetRequiredService<AgentRunClient>();
            var watch = Stopwatch.StartNew();
            var id = await client.StartRunAsync(AgentName, "Benchmark goal: call the tool every step.", runId);
            var done = await client.Orchestrations.WaitForInstanceCompletionAsync(id);
            watch.Stop();
            if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"The benchmark run ended {done.RuntimeStatus}: {done.FailureDetails}");
            }

            return new AgentLoopBenchmarkResult(
                steps, parallelCalls, watch.Elapsed, watch.Elapsed.TotalMilliseconds / (steps + 1),
                model.StoredAtStep10, model.ContentAtStep10, StoredBytes(provider, runId), model.ContentAtEnd)
            {
                RawFolderBytesAtEnd = FolderBytes(dataPath),
                StoredBytesAtLastStep = model.StoredAtLastStep,
                StoredBytesBeforeLastStep = model.StoredBeforeLastStep,
                ContentBytesBeforeLastStep = model.ContentBeforeLastStep,
            };
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>What the run keeps: its conversation entries plus its history as the backend stores it (JSON).</summary>
    private static long StoredBytes(IServiceProvider services, string runId)
    {
        var store = services.GetRequiredService<IConversationStore>();
        var client = services.GetRequiredService<AgentRunClient>().Orchestrations;
        var history = client.GetOrchestrationHistoryAsync(runId).GetAwaiter().GetResult();
        return store.GetStoredBytesAsync().GetAwaiter().GetResult() + System.Text.Encoding.UTF8.GetByteCount(HistorySerializer.SerializeHistory(history));
    }

    private static long FolderBytes(string path) =>
        Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
}
