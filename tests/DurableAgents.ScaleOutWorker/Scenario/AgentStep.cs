using DurableAgents.ScaleOutWorker.Logs;
using Microsoft.DurableTask;

namespace DurableAgents.ScaleOutWorker.Scenario;

/// <summary>
/// One model or tool call: waits as an I/O call would, computes <see cref="RunShape.Mix"/>, and records its completion in the
/// side-effect log just before returning. Runs at least once: a kill or an outage between the log and the stored result
/// runs it again.
/// </summary>
public sealed class AgentStep(SideEffectLog log, WorkerArguments arguments) : TaskActivity<StepInput, long>
{
    public override async Task<long> RunAsync(TaskActivityContext context, StepInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || input.Step is < 0 or >= RunShape.Steps)
        {
            throw new ArgumentException($"{RunShape.Activity} needs a step between 0 and {RunShape.Steps - 1}; it got {input?.Step.ToString() ?? "no input"}.");
        }

        await Task.Delay(arguments.StepDelay);
        var result = RunShape.Mix(input.Run, input.Step, input.Previous);
        await log.AppendAsync(RunShape.Key(context.InstanceId, input.Step));
        return result;
    }
}
