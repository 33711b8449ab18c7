using Microsoft.DurableTask;

namespace DurableAgents.Benchmarks.Hosting;

/// <summary>The SDK orchestrators and the no-op step activity the workloads run.</summary>
internal static class BenchmarkTasks
{
    public const string Step = "Bench.Step";
    public const string GoEvent = "go";

    /// <summary>The registered name of each orchestration.</summary>
    public static string NameOf(BenchmarkOrchestration orchestration) => "Bench." + orchestration;

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<int, int>(NameOf(BenchmarkOrchestration.Sequential), async (context, steps) =>
        {
            var value = 0;
            for (var i = 0; i < steps; i++)
            {
                value = await context.CallActivityAsync<int>(Step, value);
            }

            return value;
        });
        registry.AddOrchestratorFunc<int, int>(NameOf(BenchmarkOrchestration.Fanout), async (context, count) =>
        {
            var calls = new Task<int>[count];
            for (var i = 0; i < count; i++)
            {
                calls[i] = context.CallActivityAsync<int>(Step, -1);
            }

            return (await Task.WhenAll(calls)).Length;
        });
        registry.AddOrchestratorFunc<int, int>(NameOf(BenchmarkOrchestration.WaitForGo), (context, _) => context.WaitForExternalEvent<int>(GoEvent));
        registry.AddActivity<StepActivity>(Step);
    }
}

/// <summary>The no-op step: returns its input plus one and stamps the step's completion for the long-sequential workload.</summary>
internal sealed class StepActivity(StepClock clock) : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input)
    {
        clock.Record(input);
        return Task.FromResult(input + 1);
    }
}
