using System.Text;
using DurableAgents.Orchestration;

namespace DurableAgents.TestWorker;

/// <summary>The orchestrations the crash tests run.</summary>
public static class Scenarios
{
    public static void Register(DurableTaskRegistry registry, WorkerArguments options)
    {
        registry.AddActivityFunc<int, int>("AppendLine", async (ctx, step) =>
        {
            // The side effect is visible (and fsynced) before the activity returns: the test counts lines to find repeats.
            await AppendAsync(options.SideEffectsPath!, $"{step} {ctx.IdempotencyKey}\n");
            await Task.Delay(options.StepDelayMs);
            return step;
        });
        registry.AddOrchestratorFunc<int, int>("SideEffectSequence", async (ctx, steps) =>
        {
            var sum = 0;
            for (var i = 0; i < steps; i++)
            {
                sum += await ctx.CallActivityAsync<int>("AppendLine", i);
            }

            return sum;
        });
    }

    private static async Task AppendAsync(string path, string line)
    {
        await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line));
        stream.Flush(flushToDisk: true);
    }
}
