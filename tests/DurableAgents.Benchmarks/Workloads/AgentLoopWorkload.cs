using System.Globalization;
using DurableAgents.Benchmarks.Hosting;
using DurableAgents.Orchestration.Backends.File;
using DurableAgents.Runs.Benchmark;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// The agent run loop: a scripted model asks for one tool call per step (and 4 parallel calls per step) for N steps. It hosts its own
/// worker (the agent-run orchestration), so it runs on a bare backend rather than on the engine benchmark cluster.
/// </summary>
internal sealed class AgentLoopWorkload : IWorkload
{
    private const int Rounds = 3;

    public string Name => "agent-loop";

    public int MeasuredRounds => 1;

    public Task WarmUpRoundAsync(BenchmarkCluster cluster, CancellationToken cancellation) => Task.CompletedTask;

    public Task<BenchmarkResult> MeasureAsync(BenchmarkCluster cluster, int n, int instances, CancellationToken cancellation) =>
        throw new NotSupportedException("agent-loop runs on a bare backend: use RunAsync.");

    /// <summary>Runs the loop with 1 and with 4 calls per step, each on a fresh backend, and prints a line for each.</summary>
    public static async Task RunAsync(Func<BackendHandle> createBackend, string backendName, int steps, TextWriter output)
    {
        // A short run first, so the JIT has compiled the hot paths before the measured ones.
        await using (var warm = createBackend())
        {
            await RunOnceAsync(warm, 10, 1);
        }

        foreach (var parallel in new[] { 1, 4 })
        {
            // Three runs, each on a fresh backend; the line shows the median run (a 200-step run takes a fraction of a second, so
            // one run is at the mercy of whatever else the machine does at that moment). The byte counts are the same in each.
            var rounds = new List<AgentLoopBenchmarkResult>();
            for (var round = 0; round < Rounds; round++)
            {
                await using var backend = createBackend();
                rounds.Add(await RunOnceAsync(backend, steps, parallel));
            }

            rounds.Sort((a, b) => a.EngineOverheadPerStepMs.CompareTo(b.EngineOverheadPerStepMs));
            var result = rounds[Rounds / 2];
            var inv = CultureInfo.InvariantCulture;
            var line = new BenchmarkResult("agent-loop", steps, 1, (long)steps * parallel, result.Elapsed)
            {
                Extras =
                [
                    new("parallel_calls", parallel.ToString(inv)),
                    new("engine_overhead_ms_per_step", result.EngineOverheadPerStepMs.ToString("F3", inv)),
                    new("rounds", Rounds.ToString(inv)),
                    new("min_ms_per_step", rounds[0].EngineOverheadPerStepMs.ToString("F3", inv)),
                    new("max_ms_per_step", rounds[^1].EngineOverheadPerStepMs.ToString("F3", inv)),
                    new("stored_bytes_step10", result.StoredBytesAtStep10.ToString(inv)),
                    new("content_bytes_step10", result.ContentBytesAtStep10.ToString(inv)),
                    new($"storage_ratio_step{steps - 1}", result.StorageRatioBeforeLastStep.ToString("F2", inv)),
                    new($"stored_bytes_step{steps}", result.StoredBytesAtLastStep.ToString(inv)),
                    new($"storage_ratio_step{steps}", result.StorageRatioAtLastStep.ToString("F2", inv)),
                    new("stored_bytes_end", result.StoredBytesAtEnd.ToString(inv)),
                    new("content_bytes_end", result.ContentBytesAtEnd.ToString(inv)),
                    new("storage_ratio_end", result.StorageRatioAtEnd.ToString("F2", inv)),
                    new("raw_folder_bytes_end", result.RawFolderBytesAtEnd.ToString(inv)),
                ],
            };
            output.WriteLine(line.Format(backendName));
            output.Flush();
        }
    }

    private static async Task<AgentLoopBenchmarkResult> RunOnceAsync(BackendHandle backend, int steps, int parallel)
    {
        if (backend.Service is FileOrchestrationService file)
        {
            return await AgentLoopBenchmark.RunAsync(backend.Service, steps, parallel, file.DataPath);
        }

        // Other backends keep the conversation store in a temporary folder of its own.
        var folder = Directory.CreateTempSubdirectory("durableagents-bench-agent");
        try
        {
            return await AgentLoopBenchmark.RunAsync(backend.Service, steps, parallel, folder.FullName);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
