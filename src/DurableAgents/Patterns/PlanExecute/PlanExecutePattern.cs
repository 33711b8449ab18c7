using DurableAgents.Agents;

namespace DurableAgents.Patterns;

/// <summary>
/// Plan-and-execute: the pattern agent's model writes a plan as structured output (a list of steps, each for one executor: one
/// of the agent's own tools, run as an activity with the plan's arguments, or one of <see cref="Executors"/>, run as a sub-run that
/// is told the whole plan and the results so far). After a failed step the model replans what is left, within
/// <see cref="Replans"/>; past it the run ends with a structured error report.
/// </summary>
public sealed record PlanExecutePattern : AgentPattern
{
    /// <summary>Agents that may carry out steps (each step a sub-run); the pattern agent's tools may too (each step an activity).</summary>
    public IReadOnlyList<string> Executors { get; init; } = [];

    /// <summary>The most steps a plan may have.</summary>
    public int MaxPlanSteps { get; init; } = 8;

    /// <summary>New plans after failed steps.</summary>
    public int Replans { get; init; } = 2;

    /// <summary>Invalid plans fed back to the model (per plan).</summary>
    public int PlanRetries { get; init; } = 2;

    /// <inheritdoc />
    public override string Orchestrator => PatternNames.PlanExecute;

    /// <inheritdoc />
    public override IEnumerable<string> Agents => Executors;
}

/// <summary>One step of a plan, and how it went.</summary>
/// <param name="Number">Its place in the plan (1-based).</param>
/// <param name="Executor">The tool or agent that carries it out.</param>
/// <param name="Task">What to do.</param>
/// <param name="State">planned, running, done or failed.</param>
/// <param name="Result">What came of it (a preview).</param>
public sealed record PlanStep(int Number, string Executor, string Task, string State, string? Result = null);
