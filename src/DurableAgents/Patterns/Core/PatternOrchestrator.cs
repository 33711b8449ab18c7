using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Runs.Loop;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>
/// The base of a pattern's orchestrator: finds the agent and its pattern, runs <see cref="RunPatternAsync"/> with a
/// <see cref="PatternRun"/>, turns an ended budget into the run's outcome, and leaves the status finished.
/// </summary>
/// <remarks>
/// Orchestrators get no DI: the catalog is handed over at registration and is configuration, the same on every replay. Code in
/// <see cref="RunPatternAsync"/> must be deterministic (no clocks, GUIDs or I/O; use the context and the run's primitives).
/// </remarks>
public abstract class PatternOrchestrator<TPattern>(IAgentCatalog catalog) : TaskOrchestrator<AgentRunInput, AgentRunResult>
    where TPattern : AgentPattern
{
    /// <inheritdoc />
    public override async Task<AgentRunResult> RunAsync(TaskOrchestrationContext context, AgentRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || catalog.Find(input.Agent) is not { Pattern: TPattern pattern } definition)
        {
            context.SetCustomStatus(new AgentRunStatus { Phase = "finished" });
            var reason = input is null ? "The run has no input."
                : catalog.Find(input.Agent) is null ? new AgentNotFoundException(input.Agent).Message
                : $"Agent '{input.Agent}' is not a {typeof(TPattern).Name} agent, so this orchestration cannot run it.";
            return new AgentRunResult { Outcome = AgentRunOutcome.Failed, Reason = reason };
        }

        var run = new PatternRun(context, catalog, definition, input);
        AgentRunResult result;
        try
        {
            run.Publish("starting");
            result = await RunPatternAsync(run, pattern);
        }
        catch (RunEndedException ended)
        {
            result = run.Finish(ended.Outcome, ended.Answer, ended.Message, ended.Report);
        }

        // Last, after everything a run did before reviews were kept: a run in flight when they arrived replays unchanged.
        await run.RecordReviewsAsync(result.Outcome);
        run.Publish("finished");
        return result;
    }

    /// <summary>Runs the pattern; returns the run's result (usually <see cref="PatternRun.Finish"/>).</summary>
    protected abstract Task<AgentRunResult> RunPatternAsync(PatternRun run, TPattern pattern);
}
