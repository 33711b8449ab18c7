using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableAgents.Runs;

/// <summary>How a run ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AgentRunOutcome>))]
public enum AgentRunOutcome
{
    /// <summary>The model gave its answer.</summary>
    Completed,

    /// <summary>The run used its step limit.</summary>
    StepLimit,

    /// <summary>The run used its token budget.</summary>
    TokenBudget,

    /// <summary>The run used its cost budget.</summary>
    CostBudget,

    /// <summary>The run used its retry budget.</summary>
    RetryBudget,

    /// <summary>A human rejected what the run needed to do, and the run ended.</summary>
    Rejected,

    /// <summary>The model kept repeating the same call after being told.</summary>
    LoopDetected,

    /// <summary>An error the run could not recover from.</summary>
    Failed,
}

/// <summary>The input of an agent run orchestration.</summary>
/// <param name="Agent">The agent name.</param>
/// <param name="Goal">The user's goal (a string, or the JSON text of an object input).</param>
/// <param name="Depth">Sub-agent nesting depth; 0 for a top-level run.</param>
public sealed record AgentRunInput(string Agent, string Goal, int Depth = 0)
{
    /// <summary>The revision of the run loop new runs start with (see <see cref="Revision"/>).</summary>
    public const int CurrentRevision = 2;

    /// <summary>The state carried over when the run continued as new; null for a run's first generation.</summary>
    public AgentRunContinuation? Continuation { get; init; }

    /// <summary>
    /// The revision of the run loop this run started with: a later revision changes the steps in the history (1: an audit activity
    /// after each step; 2: the step's audit record written by the next activity instead), so a run keeps replaying the steps of the
    /// revision it began with. Null for runs started before revisions.
    /// </summary>
    public int? Revision { get; init; }

    /// <summary>A new run's input at the current revision.</summary>
    public static AgentRunInput Start(string agent, string goal, int depth = 0) => new(agent, goal, depth) { Revision = CurrentRevision };

    /// <summary>
    /// The W3C traceparent of the run's start span, set when the run starts and carried into every activity and sub-run, so the
    /// run's spans form one trace across replays, restarts and hosts (the in-process Durable Task route propagates none).
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>
    /// True when the run starts by recalling lessons of similar past runs (set at start from the agent's
    /// <see cref="Agents.MemoryPolicy.InjectLessons"/>). Runs started before memory existed carry false, so their replay never
    /// meets the recall activity that newer runs schedule first.
    /// </summary>
    public bool RecallLessons { get; init; }

    /// <summary>
    /// The session this run is a turn of (set by the session orchestration, carried to sub-agents and across continue-as-new):
    /// facts it remembers are kept in the session's scope when the agent's <see cref="Agents.MemoryPolicy.FactScope"/> says so,
    /// and recall sees the session's facts beside the agent-wide ones. Null outside sessions.
    /// </summary>
    public string? Session { get; init; }

    /// <summary>
    /// The user the run is for (a key of <see cref="UserKeys"/> rules; set at start, carried to sub-agents and across
    /// continue-as-new): facts it remembers are kept in the user's scope <c>user:{key}</c> when the agent's
    /// <see cref="Agents.MemoryPolicy.FactScope"/> says <see cref="Agents.FactScope.User"/>, and recall sees that user's facts
    /// beside the agent-wide ones. Null for a run started for no user (and for every run started before users existed).
    /// </summary>
    public string? User { get; init; }

    /// <summary>
    /// The conversation the run continues (a head in the conversation store; a session's previous turn), or null to start a new
    /// one. The run adds only its own messages after it, so the stored bytes grow with new content only.
    /// </summary>
    public string? Conversation { get; init; }

    /// <summary>The estimated tokens of <see cref="Conversation"/> (the previous turn's <see cref="AgentRunResult.ConversationTokens"/>), so compaction sees it from the first step.</summary>
    public long ConversationTokens { get; init; }
}

/// <summary>Tokens and money a run used.</summary>
public sealed record RunUsage(long InputTokens, long OutputTokens, decimal CostUsd)
{
    /// <summary>No usage.</summary>
    public static RunUsage Zero { get; } = new(0, 0, 0m);

    /// <summary>Adds two usages.</summary>
    public static RunUsage operator +(RunUsage a, RunUsage b) =>
        new(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, a.CostUsd + b.CostUsd);

    /// <summary>Adds two usages.</summary>
    public RunUsage Add(RunUsage other) => this + other;
}

/// <summary>A tool call waiting for a human decision.</summary>
/// <param name="CallId">The model's call id.</param>
/// <param name="Tool">The tool name.</param>
/// <param name="Arguments">The call's arguments as JSON.</param>
/// <param name="Reason">Why approval is needed (permission level, policy).</param>
/// <param name="Permission">The tool's permission level (read, write, destructive).</param>
public sealed record PendingApproval(string CallId, string Tool, JsonElement Arguments, string Reason, string Permission);

/// <summary>A human's decision, delivered to the run as the <c>approval</c> external event.</summary>
/// <param name="Approved">Approve (true) or reject (false) the calls named.</param>
/// <param name="CallIds">The calls decided; all pending calls when null or empty. Calls not named stay pending.</param>
/// <param name="Approver">Who decided.</param>
/// <param name="Comment">Why; a rejection's comment is shown to the model.</param>
public sealed record ApprovalDecision(bool Approved, IReadOnlyList<string>? CallIds = null, string? Approver = null, string? Comment = null)
{
    /// <summary>The sender's id for this delivery (<c>X-Delivery-Id</c>); a run applies a delivery id at most once.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>A hash of the webhook signature that carried this decision; a run applies a signature at most once.</summary>
    public string? SignatureId { get; init; }

    /// <summary>Unique per submission, so the submitter can find what the run made of its decision.</summary>
    public string? RequestId { get; init; }

    /// <summary>
    /// For a human review (a draft awaiting approval): what to change; with <see cref="Approved"/> false the work goes back to its
    /// author with these corrections instead of ending rejected. Tool-call approvals show it to the model like a comment.
    /// </summary>
    public string? Corrections { get; init; }
}

/// <summary>A decision as the run applied it: kept in the run's status (the last <see cref="MaxKept"/>), carried across generations.</summary>
/// <param name="RequestId">The submission it came from.</param>
/// <param name="Approved">Approve or reject.</param>
/// <param name="Approver">Who decided.</param>
/// <param name="Comment">Why.</param>
/// <param name="CallIds">The calls this decision decided (empty when every call it named was already decided).</param>
/// <param name="DecidedAt">When the run applied it (UTC, orchestration time).</param>
public sealed record ApprovalRecord(string? RequestId, bool Approved, string? Approver, string? Comment, IReadOnlyList<string> CallIds, DateTime DecidedAt)
{
    /// <summary>How many records a run keeps: enough to answer replays and late duplicates within the signature window.</summary>
    public const int MaxKept = 20;

    /// <summary>The sender's delivery id, if it gave one.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>The hash of the webhook signature, for signed deliveries.</summary>
    public string? SignatureId { get; init; }
}

/// <summary>The run's custom status: what it is doing now, for clients and the dashboard.</summary>
public sealed record AgentRunStatus
{
    /// <summary>Phases: starting, calling-model, running-tools, awaiting-approval, escalated, compacting, finished.</summary>
    public required string Phase { get; init; }

    /// <summary>Model calls made so far.</summary>
    public int Step { get; init; }

    /// <summary>Usage so far.</summary>
    public RunUsage Usage { get; init; } = RunUsage.Zero;

    /// <summary>The goal (while awaiting approval, so the approver has context).</summary>
    public string? Goal { get; init; }

    /// <summary>Calls awaiting a decision (phase awaiting-approval or escalated).</summary>
    public IReadOnlyList<PendingApproval>? PendingApprovals { get; init; }

    /// <summary>A short summary of what the run gathered so far (while awaiting approval).</summary>
    public string? GatheredSoFar { get; init; }

    /// <summary>When the approval wait times out (UTC).</summary>
    public DateTime? ApprovalDeadline { get; init; }

    /// <summary>The latest approval decisions the run applied, oldest first: who decided which calls, and when.</summary>
    public IReadOnlyList<ApprovalRecord>? Decisions { get; init; }

    /// <summary>The run's conversation so far (its head in the conversation store), from which its tool calls are read while it runs.</summary>
    public string? Conversation { get; init; }

    /// <summary>The run's audit record so far (its head in the conversation store); <c>GET /api/runs/{id}/audit</c> reads it.</summary>
    public string? Audit { get; init; }

    /// <summary>The sub-runs this run started lately (the latest <see cref="SubRunRecord.MaxKept"/>), with their own ids.</summary>
    public IReadOnlyList<SubRunRecord>? SubRuns { get; init; }

    /// <summary>While escalated: the goal, what was tried and why, for the human who takes over.</summary>
    public EscalationRecord? Escalation { get; init; }

    /// <summary>Progress particular to a pattern run: a plan's steps, a confidence score, a mailbox's transcript.</summary>
    public System.Text.Json.JsonElement? Detail { get; init; }
}

/// <summary>One tool call as the run recorded it.</summary>
/// <param name="CallId">The model's call id.</param>
/// <param name="Tool">The tool name.</param>
/// <param name="Arguments">The arguments as JSON text.</param>
/// <param name="Status">ok, error, refused, rejected, timeout, unknown-tool, invalid-arguments.</param>
/// <param name="Result">The text given to the model (inside its delimiters): the first 160 characters of a successful result, the
/// whole text of an error, refusal or rejection.</param>
/// <param name="Step">The step it belonged to.</param>
public sealed record ToolCallRecord(string CallId, string Tool, string Arguments, string Status, string Result, int Step);

/// <summary>The output of an agent run orchestration.</summary>
public sealed record AgentRunResult
{
    /// <summary>How the run ended.</summary>
    public required AgentRunOutcome Outcome { get; init; }

    /// <summary>The model's final answer (or the best text available when a limit ended the run).</summary>
    public string? Answer { get; init; }

    /// <summary>Why the run ended, when it was not a normal completion.</summary>
    public string? Reason { get; init; }

    /// <summary>Model calls made.</summary>
    public int Steps { get; init; }

    /// <summary>Usage and cost in all.</summary>
    public RunUsage Usage { get; init; } = RunUsage.Zero;

    /// <summary>
    /// Every tool call, in order. The run's output leaves this empty and names its <see cref="Conversation"/> instead;
    /// <see cref="AgentRunClient.GetRunAsync"/> fills it in from the conversation.
    /// </summary>
    public IReadOnlyList<ToolCallRecord> ToolCalls { get; init; } = [];

    /// <summary>The run's whole conversation (its final head in the conversation store), from which the tool-call record is read.</summary>
    public string? Conversation { get; init; }

    /// <summary>The run's audit record (its head in the conversation store).</summary>
    public string? Audit { get; init; }

    /// <summary>When a budget ended a pattern run: which step, what was tried, and why, as data.</summary>
    public RunErrorReport? Report { get; init; }

    /// <summary>Results particular to a pattern run: a mailbox's transcript, a plan's steps.</summary>
    public System.Text.Json.JsonElement? Detail { get; init; }

    /// <summary>The ids of the past episodes whose lessons the run was given (see <see cref="Agents.MemoryPolicy"/>).</summary>
    public IReadOnlyList<string>? Lessons { get; init; }

    /// <summary>The id of the episode this run was recorded as, when its agent records episodes.</summary>
    public string? Episode { get; init; }

    /// <summary>The estimated tokens of the final conversation, for a run that continues it (a session's next turn).</summary>
    public long ConversationTokens { get; init; }
}

/// <summary>Names shared by the run orchestration and its clients.</summary>
public static class AgentRunNames
{
    /// <summary>The orchestrator that runs an agent.</summary>
    public const string Orchestrator = "AgentRun";

    /// <summary>The external event that carries an <see cref="ApprovalDecision"/>.</summary>
    public const string ApprovalEvent = "approval";

    /// <summary>The phase while the run waits for a decision.</summary>
    public const string AwaitingApprovalPhase = "awaiting-approval";

    /// <summary>The phase after an approval timeout with the escalate policy, and while a human handles an escalation.</summary>
    public const string EscalatedPhase = "escalated";

    /// <summary>The runtime's tool that hands a run to a human (offered when <see cref="Agents.AgentPolicy.AllowEscalation"/> is set).</summary>
    public const string EscalationTool = "escalate_to_human";

    /// <summary>True when instances of <paramref name="orchestrator"/> are agent runs: the loop, or an orchestrator of a registered agent's pattern.</summary>
    public static bool IsRun(string? orchestrator, Agents.IAgentCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return string.Equals(orchestrator, Orchestrator, StringComparison.OrdinalIgnoreCase)
            || catalog.Agents.Any(a => a.Pattern?.Orchestrators.Contains(orchestrator, StringComparer.OrdinalIgnoreCase) == true);
    }

    /// <summary>The orchestrator a run of this agent starts.</summary>
    public static string OrchestratorOf(Agents.AgentDefinition agent) => agent?.Pattern?.Orchestrator ?? Orchestrator;
}
