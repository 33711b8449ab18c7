using System.Diagnostics;
using DurableAgents.Orchestration;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>The orchestrators and no-op activities the workloads run.</summary>
internal static class BenchmarkTasks
{
    public const string Sequential = "Bench.Sequential";
    public const string Fanout = "Bench.Fanout";
    public const string WaitForGo = "Bench.WaitForGo";
    public const string Stamped = "Bench.StampedSequential";
    public const string Noop = "Bench.Noop";
    public const string Stamp = nameof(StampActivity);
    public const string GoEvent = "go";

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<int, int>(Sequential, async (context, steps) =>
        {
            for (var i = 0; i < steps; i++)
            {
                await context.CallActivityAsync<int>(Noop, i);
            }

            return steps;
        });
        registry.AddOrchestratorFunc<int, int>(Fanout, async (context, count) =>
        {
            var calls = new Task<int>[count];
            for (var i = 0; i < count; i++)
            {
                calls[i] = context.CallActivityAsync<int>(Noop, i);
            }

            await Task.WhenAll(calls);
            return count;
        });
        registry.AddOrchestratorFunc<int, int>(WaitForGo, async (context, _) => await context.WaitForExternalEvent<int>(GoEvent));
        registry.AddOrchestratorFunc<int, int>(Stamped, async (context, steps) =>
        {
            for (var i = 0; i < steps; i++)
            {
                await context.CallActivityAsync<int>(Stamp, i);
            }

            return steps;
        });
        registry.AddActivityFunc<int, int>(Noop, (_, step) => step);
        registry.AddActivity<StampActivity>();
    }
}

/// <summary>Completion timestamps of the stamped sequential run, indexed by step.</summary>
internal sealed class StepClock
{
    private long[] _stamps = [];

    public void Reset(int steps) => Volatile.Write(ref _stamps, new long[steps]);

    public void Record(int step)
    {
        var stamps = Volatile.Read(ref _stamps);
        if ((uint)step < (uint)stamps.Length)
        {
            stamps[step] = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Milliseconds per step between the completions of step <paramref name="from"/> and step <paramref name="to"/>.</summary>
    public double MsPerStep(int from, int to)
    {
        var stamps = Volatile.Read(ref _stamps);
        return Stopwatch.GetElapsedTime(stamps[from], stamps[to]).TotalMilliseconds / (to - from);
    }
}

/// <summary>A no-op activity that records when it ran, so per-step time can be measured across a long history.</summary>
internal sealed class StampActivity(StepClock clock) : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input)
    {
        clock.Record(input);
        return Task.FromResult(input);
    }
}
