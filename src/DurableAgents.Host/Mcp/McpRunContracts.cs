using DurableAgents.Runs;

namespace DurableAgents.Host.Mcp;

/// <summary>What <c>start_run</c> answers.</summary>
/// <param name="RunId">The run's id (pass it to <c>get_run</c> and <c>approve</c>).</param>
/// <param name="Agent">The agent.</param>
public sealed record McpStartedRun(string RunId, string Agent);

/// <summary>What <c>get_run</c> answers: where the run is, what waits for a decision, and its answer once it has one.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Agent">The agent.</param>
/// <param name="RuntimeStatus">Pending, Running, Completed, Failed, Terminated or Suspended.</param>
/// <param name="Phase">calling-model, running-tools, awaiting-approval, escalated, compacting or finished.</param>
/// <param name="Step">Model calls so far.</param>
/// <param name="Usage">Tokens and cost so far.</param>
/// <param name="PendingApprovals">Calls waiting for a decision (pass their ids to <c>approve</c>).</param>
/// <param name="ToolCalls">Every tool call with a result so far.</param>
/// <param name="Outcome">How the run ended, once it has.</param>
/// <param name="Answer">The agent's answer, once it has one.</param>
/// <param name="Reason">Why the run ended, when it was not a normal completion.</param>
public sealed record McpRun(
    string RunId,
    string Agent,
    string RuntimeStatus,
    string? Phase,
    int Step,
    RunUsage Usage,
    IReadOnlyList<PendingApproval>? PendingApprovals,
    IReadOnlyList<ToolCallRecord> ToolCalls,
    string? Outcome,
    string? Answer,
    string? Reason)
{
    /// <summary>The view of a run.</summary>
    public static McpRun From(AgentRunView run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var reason = run.Result?.Reason ?? run.Failure?.ErrorMessage;
        return new McpRun(
            run.RunId, run.Agent, run.RuntimeStatus.ToString(), run.Status?.Phase, run.Result?.Steps ?? run.Status?.Step ?? 0,
            run.Result?.Usage ?? run.Status?.Usage ?? RunUsage.Zero, run.Status?.PendingApprovals, run.ToolCalls ?? [],
            run.Result?.Outcome.ToString(), run.Result?.Answer, reason);
    }
}

/// <summary>What <c>approve</c> answers.</summary>
/// <param name="Status">applied, delivered or already-delivered.</param>
/// <param name="Detail">What was decided, by whom.</param>
/// <param name="Decision">The run's record of the decision that counts.</param>
public sealed record McpApprovalOutcome(string Status, string Detail, ApprovalRecord? Decision);

/// <summary>One agent <c>list_agents</c> names.</summary>
/// <param name="Name">The name <c>start_run</c> takes.</param>
/// <param name="Description">What it does.</param>
/// <param name="Tools">Its tools.</param>
public sealed record McpAgent(string Name, string? Description, IReadOnlyList<string> Tools);
