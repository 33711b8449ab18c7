using System.Text;
using DurableAgents.Orchestration;

namespace DurableAgents.TestWorker;

/// <summary>
/// An agent-shaped orchestration for scale-out tests: sequential "model" steps, then a fan-out of "tool" calls. Every activity
/// appends its idempotency key to a side-effect file of its own process, so a test can see which ran where and how often.
/// </summary>
public static class ScaleOutScenarios
{
    // FileMode.Append seeks to the end when opened, so concurrent appenders in one process would overwrite each other's lines.
    private static readonly SemaphoreSlim AppendGate = new(1, 1);

    public const string AgentRun = "ScaleOutAgentRun";

    /// <summary>The result <see cref="AgentRun"/> must return for <paramref name="run"/> with the given step and tool counts.</summary>
    public static int Expected(int run, int steps, int tools) =>
        Enumerable.Range(0, steps).Sum(s => (run * 10) + s) + Enumerable.Range(0, tools).Sum(t => (run * 100) + t);

    public static void Register(DurableTaskRegistry registry, WorkerArguments options)
    {
        registry.AddActivityFunc<int, int>("ScaleOutStep", async (ctx, value) =>
        {
            await RecordAsync(options, ctx.IdempotencyKey);
            return value;
        });
        registry.AddOrchestratorFunc<int[], int>(AgentRun, async (ctx, input) =>
        {
            var (run, steps, tools) = (input[0], input[1], input[2]);
            var total = 0;
            for (var s = 0; s < steps; s++)
            {
                total += await ctx.CallActivityAsync<int>("ScaleOutStep", (run * 10) + s);
            }

            var fanOut = Enumerable.Range(0, tools).Select(t => ctx.CallActivityAsync<int>("ScaleOutStep", (run * 100) + t)).ToList();
            return total + (await Task.WhenAll(fanOut)).Sum();
        });
    }

    private static async Task RecordAsync(WorkerArguments options, string key)
    {
        if (options.SideEffectsPath is null)
        {
            return;
        }

        // One file per process: appends from several processes to one file could interleave.
        var path = $"{options.SideEffectsPath}.{Environment.ProcessId}";
        await AppendGate.WaitAsync();
        try
        {
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(key + "\n"));
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            AppendGate.Release();
        }

        await Task.Delay(options.StepDelayMs);
    }
}
