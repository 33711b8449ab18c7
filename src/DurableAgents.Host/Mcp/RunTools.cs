using System.ComponentModel;
using DurableAgents.Agents;
using DurableAgents.Runs;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace DurableAgents.Host.Mcp;

/// <summary>
/// The host's agents as MCP tools. Every tool goes through <see cref="AgentRunClient"/>, so an MCP client gets the checks the HTTP
/// API applies (existing run ids refused, approvals checked against what the run waits for, replays refused). Errors an MCP client
/// can fix come back as tool errors that say how.
/// </summary>
[McpServerToolType]
public sealed class RunTools(AgentRunClient runs)
{
    /// <summary>The longest approver name and comment accepted.</summary>
    public const int MaxApproverChars = 200, MaxCommentChars = 4_000;

    /// <summary>Lists the agents.</summary>
    [McpServerTool(Name = "list_agents", ReadOnly = true, Idempotent = true), Description("Lists the agents this host runs: their names, descriptions and tools.")]
    public IReadOnlyList<McpAgent> ListAgents() =>
        runs.Catalog.Agents.Select(a => new McpAgent(a.Name, a.Description, a.Tools.Select(t => t.Name).Concat(a.SubAgents).ToList())).ToList();

    /// <summary>Starts a run.</summary>
    [McpServerTool(Name = "start_run", Destructive = false, OpenWorld = true)]
    [Description("Starts a durable run of an agent with a goal and returns its run id at once; the run goes on in the background. Follow it with get_run.")]
    public async Task<McpStartedRun> StartRunAsync(
        [Description("The agent's name (list_agents names them).")] string agent,
        [Description("The goal: what the agent should do, with the context it needs.")] string input,
        [Description("Optional id for the run (letters, digits and - _ . : @ + =, at most 256). An id that exists is refused, so a retried start never runs twice.")] string? runId = null,
        [Description("Optional key of the user the run is for (1 to 128 letters, digits and - _ . @ + =): its memory tools remember and recall that user's facts.")] string? user = null,
        CancellationToken cancellationToken = default)
    {
        if (!AgentNames.IsValid(agent, out var nameError))
        {
            throw new McpException(nameError);
        }

        if (string.IsNullOrWhiteSpace(input))
        {
            throw new McpException("'input' is empty: give the agent a goal.");
        }

        if (runId is not null && !RunIds.IsValid(runId, out var idError))
        {
            throw new McpException(idError);
        }

        if (!UserKeys.IsValid(user, out var userError))
        {
            throw new McpException(userError);
        }

        try
        {
            var id = await runs.StartRunAsync(agent, input, new AgentRunStartOptions { RunId = runId, User = user }, cancellationToken);
            return new McpStartedRun(id, runs.Catalog.Find(agent)!.Name);
        }
        catch (AgentNotFoundException)
        {
            throw new McpException($"No agent named '{agent}' is registered. list_agents names the agents.");
        }
        catch (RunAlreadyExistsException e)
        {
            throw new McpException(e.Message);
        }
    }

    /// <summary>Reads a run.</summary>
    [McpServerTool(Name = "get_run", ReadOnly = true, Idempotent = true)]
    [Description("Reads a run: its status and phase, the tool calls waiting for approval (with their call ids), the tool calls so far, and its answer once it has finished.")]
    public async Task<McpRun> GetRunAsync([Description("The run id start_run returned.")] string runId, CancellationToken cancellationToken = default)
    {
        CheckRunId(runId);
        var run = await runs.GetRunAsync(runId, includeToolCalls: true, cancellationToken);
        return run is null ? throw new McpException($"No agent run with id '{runId}' exists.") : McpRun.From(run);
    }

    /// <summary>Approves or rejects waiting tool calls.</summary>
    [McpServerTool(Name = "approve", Destructive = true)]
    [Description("Approves or rejects tool calls a run is waiting on (get_run lists them under pendingApprovals). A rejection's comment is shown to the agent.")]
    public async Task<McpApprovalOutcome> ApproveAsync(
        [Description("The run id.")] string runId,
        [Description("true to approve the calls, false to reject them.")] bool approved,
        [Description("The call ids decided; all waiting calls when omitted. Calls not named keep waiting.")] string[]? callIds = null,
        [Description("Who decides (shown in the run's record).")] string? approver = null,
        [Description("Why; a rejection's comment is shown to the agent.")] string? comment = null,
        CancellationToken cancellationToken = default)
    {
        CheckRunId(runId);
        if (callIds is not null && callIds.Any(string.IsNullOrWhiteSpace))
        {
            throw new McpException("'callIds' has an empty id; pass the ids get_run lists under pendingApprovals, or omit it to decide every waiting call.");
        }

        if (approver is { Length: > MaxApproverChars } || comment is { Length: > MaxCommentChars })
        {
            throw new McpException($"'approver' may have at most {MaxApproverChars} characters and 'comment' at most {MaxCommentChars}.");
        }

        var outcome = await runs.SubmitApprovalAsync(runId, new ApprovalDecision(approved, callIds, approver, comment), cancellationToken);
        return outcome.Status switch
        {
            ApprovalSubmitStatus.Applied => new McpApprovalOutcome("applied", outcome.Detail, outcome.Record),
            ApprovalSubmitStatus.Delivered => new McpApprovalOutcome("delivered", outcome.Detail, outcome.Record),
            ApprovalSubmitStatus.AlreadyDelivered => new McpApprovalOutcome("already-delivered", outcome.Detail, outcome.Record),
            _ => throw new McpException(outcome.Detail), // unknown calls, superseded, not waiting, no such run
        };
    }

    private static void CheckRunId(string runId)
    {
        if (!RunIds.IsValid(runId, out var error))
        {
            throw new McpException(error);
        }
    }
}
