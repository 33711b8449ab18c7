using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableAgents.Runs;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>
/// One pattern run inside its orchestrator: its input, agent and progress, and the primitives patterns are made of, each keeping
/// the run's status and audit: hand a task to an agent as a sub-run (<see cref="DelegateAsync"/>), ask the pattern agent's model
/// for JSON that fits a schema (<see cref="AskAsync"/>), score confidence (<see cref="AssessConfidenceAsync"/>), wait for a
/// human review (<see cref="RequestReviewAsync"/>).
/// </summary>
/// <remarks>Orchestrator code: everything here is deterministic (durable activities, sub-orchestrations, timers and events only).</remarks>
public sealed partial class PatternRun
{
    internal PatternRun(TaskOrchestrationContext context, IAgentCatalog catalog, AgentDefinition definition, AgentRunInput input)
    {
        Context = context;
        Catalog = catalog;
        Definition = definition;
        Input = input;
    }

    /// <summary>The orchestration context.</summary>
    public TaskOrchestrationContext Context { get; }

    /// <summary>The agents.</summary>
    public IAgentCatalog Catalog { get; }

    /// <summary>The pattern agent.</summary>
    public AgentDefinition Definition { get; }

    /// <summary>The run's input.</summary>
    public AgentRunInput Input { get; }

    /// <summary>Decisions, sub-runs and the audit head.</summary>
    public RunProgress Progress { get; } = new();

    /// <summary>The pattern's steps so far (rounds, stages, plan steps).</summary>
    public int Step { get; set; }

    /// <summary>Tokens and money used by the run and its sub-runs.</summary>
    public RunUsage Usage { get; private set; } = RunUsage.Zero;

    /// <summary>The pattern agent's own conversation (its structured calls), by head id.</summary>
    public string? Conversation { get; private set; }

    /// <summary>Pattern-specific progress for the status (a plan, a score); set with <see cref="SetDetail"/>.</summary>
    public JsonElement? Detail { get; private set; }

    /// <summary>Sets the pattern-specific progress shown in the status.</summary>
    public void SetDetail(object? detail) =>
        Detail = detail is null ? null : JsonSerializer.SerializeToElement(detail, detail.GetType(), AgentDataConverter.Options);

    /// <summary>Publishes the status in <paramref name="phase"/>; <paramref name="with"/> adds what the phase shows (pending approvals, ...).</summary>
    public void Publish(string phase, Func<AgentRunStatus, AgentRunStatus>? with = null)
    {
        var status = Progress.Status(phase, Step, Usage, Conversation) with { Detail = Detail };
        Context.SetCustomStatus(with is null ? status : with(status));
    }

    /// <summary>The run's result (the orchestrator returns it).</summary>
    public AgentRunResult Finish(AgentRunOutcome outcome, string? answer, string? reason = null, RunErrorReport? report = null) => new()
    {
        Outcome = outcome,
        Answer = answer,
        Reason = reason,
        Steps = Step,
        Usage = Usage,
        Conversation = Conversation,
        Audit = Progress.AuditHead,
        Report = report,
        Detail = Detail,
    };

    /// <summary>The instance id of a sub-run: this run's id and a key unique within it (the same on every replay).</summary>
    public string SubRunId(string key) => $"{Context.InstanceId}:{key}";

    internal void AddUsage(RunUsage usage) => Usage += usage;
}
