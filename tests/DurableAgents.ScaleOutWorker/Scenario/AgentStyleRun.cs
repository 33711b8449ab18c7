using Microsoft.DurableTask;

namespace DurableAgents.ScaleOutWorker.Scenario;

/// <summary>
/// An agent-shaped orchestration: <see cref="RunShape.Leading"/> "model" steps in sequence, each fed the previous result, a
/// fan-out of <see cref="RunShape.FanOut"/> "tool" calls and their fan-in, then <see cref="RunShape.Trailing"/> more steps.
/// Each result is checked on arrival, so a result delivered to the wrong call fails the instance.
/// </summary>
public sealed class AgentStyleRun : TaskOrchestrator<RunInput, RunOutput>
{
    public override async Task<RunOutput> RunAsync(TaskOrchestrationContext context, RunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null)
        {
            throw new ArgumentException($"{RunShape.Orchestrator} needs an input such as {{\"run\": 7}}.", nameof(input));
        }

        var results = new long[RunShape.Steps];
        long previous = 0;
        for (var step = 0; step < RunShape.Leading; step++)
        {
            previous = results[step] = await CallStepAsync(context, input.Run, step, previous);
        }

        var fanOut = Enumerable.Range(RunShape.Leading, RunShape.FanOut).Select(step => CallStepAsync(context, input.Run, step, previous)).ToArray();
        (await Task.WhenAll(fanOut)).CopyTo(results, RunShape.Leading);

        previous = RunShape.FanIn(results.AsSpan(RunShape.Leading, RunShape.FanOut));
        for (var step = RunShape.Leading + RunShape.FanOut; step < RunShape.Steps; step++)
        {
            previous = results[step] = await CallStepAsync(context, input.Run, step, previous);
        }

        return new RunOutput(input.Run, results);
    }

    private static async Task<long> CallStepAsync(TaskOrchestrationContext context, int run, int step, long previous)
    {
        var result = await context.CallActivityAsync<long>(RunShape.Activity, new StepInput(run, step, previous));
        var expected = RunShape.Mix(run, step, previous);
        return result == expected
            ? result
            : throw new InvalidOperationException($"Step {step} of run {run} returned {result}, expected {expected}: a result reached the wrong call.");
    }
}
