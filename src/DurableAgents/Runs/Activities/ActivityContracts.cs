namespace DurableAgents.Runs.Activities;

/// <summary>A message to add to the conversation: a stored one by id, or one written by the orchestrator (stored by the activity).</summary>
/// <param name="Id">The id of a message already in the conversation store (a tool result stored by its activity).</param>
/// <param name="Role">For a new message: "user" or "tool".</param>
/// <param name="Text">For a new message: its text (for "tool", the formatted result).</param>
/// <param name="CallId">For a new tool message: the call it answers.</param>
public sealed record NewMessage(string? Id = null, string? Role = null, string? Text = null, string? CallId = null)
{
    /// <summary>A stored message.</summary>
    public static NewMessage Stored(string id) => new(Id: id);

    /// <summary>A user message.</summary>
    public static NewMessage User(string text) => new(Role: "user", Text: text);

    /// <summary>A tool result.</summary>
    public static NewMessage ToolResult(string callId, string text) => new(Role: "tool", Text: text, CallId: callId);

    /// <summary>The size of inline content (0 for a stored reference).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int InlineChars => Text?.Length ?? 0;
}

/// <summary>Input of the model-call activity: only references and the step's new content, never the whole conversation.</summary>
/// <param name="Agent">The agent name.</param>
/// <param name="Depth">Sub-agent depth (decides whether sub-agents are offered).</param>
/// <param name="Head">The conversation so far (null at the start).</param>
/// <param name="NewMessages">Messages to append before calling the model.</param>
/// <param name="Step">The step number (1-based).</param>
public sealed record ModelCallInput(string Agent, int Depth, string? Head, IReadOnlyList<NewMessage> NewMessages, int Step)
{
    /// <summary>The run's W3C traceparent (see <see cref="AgentRunInput.TraceParent"/>).</summary>
    public string? TraceParent { get; init; }

    /// <summary>The lessons block added to the instructions (its id in the conversation store), when the run was given lessons.</summary>
    public string? Lessons { get; init; }

    /// <summary>The run's audit record of the step before (its stored form), written first into this step's segment.</summary>
    public string? Audit { get; init; }
}

/// <summary>A tool call the model asked for.</summary>
/// <param name="CallId">The call id.</param>
/// <param name="Name">The tool name.</param>
/// <param name="Arguments">The arguments as JSON text (the raw text when malformed).</param>
/// <param name="MalformedError">Why the arguments could not be parsed, when they could not.</param>
public sealed record ModelToolCall(string CallId, string Name, string Arguments, string? MalformedError = null);

/// <summary>Output of the model-call activity.</summary>
/// <param name="Head">The conversation including the new messages and the assistant's reply.</param>
/// <param name="Text">The assistant's text (its answer when there are no tool calls).</param>
/// <param name="ToolCalls">The tool calls asked for.</param>
/// <param name="FinishReason">The model's finish reason.</param>
/// <param name="Usage">Tokens and cost of the call.</param>
/// <param name="ModelId">The model that answered.</param>
/// <param name="ConversationTokens">Estimated tokens of the whole conversation after this call.</param>
public sealed record ModelCallOutput(
    string Head,
    string? Text,
    IReadOnlyList<ModelToolCall> ToolCalls,
    string? FinishReason,
    RunUsage Usage,
    string? ModelId,
    long ConversationTokens);

/// <summary>Input of the tool-call activity.</summary>
/// <param name="Agent">The agent name.</param>
/// <param name="Tool">The tool name.</param>
/// <param name="CallId">The model's call id.</param>
/// <param name="Arguments">The validated arguments as a JSON object.</param>
/// <param name="MaxResultChars">The result cap.</param>
/// <param name="Step">The step.</param>
public sealed record ToolCallInput(string Agent, string Tool, string CallId, string Arguments, int MaxResultChars, int Step)
{
    /// <summary>The run's W3C traceparent (see <see cref="AgentRunInput.TraceParent"/>).</summary>
    public string? TraceParent { get; init; }

    /// <summary>The session the run is a turn of (see <see cref="AgentRunInput.Session"/>); null outside sessions.</summary>
    public string? Session { get; init; }

    /// <summary>The user the run is for (see <see cref="AgentRunInput.User"/>); null for a run for no user.</summary>
    public string? User { get; init; }
}

/// <summary>Output of the tool-call activity: the stored result's id and a short preview, not the result itself.</summary>
/// <param name="MessageId">The stored tool message.</param>
/// <param name="Status">ok or error.</param>
/// <param name="Preview">The start of the result text, for approvers (the run's record reads the stored result).</param>
/// <param name="Chars">The length of the text given to the model.</param>
public sealed record ToolCallOutput(string MessageId, string Status, string Preview, int Chars);

/// <summary>Input of the compaction activity.</summary>
/// <param name="Agent">The agent name.</param>
/// <param name="Head">The conversation.</param>
/// <param name="NewMessages">Messages to append first.</param>
/// <param name="KeepRecentMessages">How many of the newest messages to keep verbatim.</param>
public sealed record CompactInput(string Agent, string? Head, IReadOnlyList<NewMessage> NewMessages, int KeepRecentMessages)
{
    /// <summary>The run's W3C traceparent (see <see cref="AgentRunInput.TraceParent"/>).</summary>
    public string? TraceParent { get; init; }
}

/// <summary>Output of the compaction activity.</summary>
/// <param name="Head">The compacted conversation.</param>
/// <param name="Usage">Tokens and cost of the summarising call.</param>
/// <param name="ConversationTokens">Estimated tokens after compaction.</param>
/// <param name="CompactedMessages">How many messages were folded into the summary.</param>
public sealed record CompactOutput(string Head, RunUsage Usage, long ConversationTokens, int CompactedMessages);

/// <summary>Input of the activity that closes a finished run's conversation.</summary>
/// <param name="Head">The conversation.</param>
/// <param name="NewMessages">Messages the model never saw (the last step's results when a limit ended the run).</param>
public sealed record CloseConversationInput(string? Head, IReadOnlyList<NewMessage> NewMessages)
{
    /// <summary>The run's audit record of its last step (its stored form), when that step's record is not written yet.</summary>
    public string? Audit { get; init; }
}

/// <summary>Input of the activity that reads a run's latest tool calls for approvers.</summary>
/// <param name="Head">The conversation.</param>
public sealed record RecentToolCallsInput(string? Head);
