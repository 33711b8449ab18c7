using DurableAgents.Agents;
using DurableAgents.Runs.Activities;

namespace DurableAgents.Runs.Loop;

/// <summary>One tool call of a step, from validation to its result.</summary>
internal sealed class PlannedCall(ModelToolCall call)
{
    public ModelToolCall Call { get; } = call;

    public string CallId => Call.CallId;

    /// <summary>The call's position in its step.</summary>
    public int Index { get; init; }

    /// <summary>The tool, when it names one of the agent's tools.</summary>
    public AgentTool? Tool { get; set; }

    /// <summary>The sub-agent, when it names one.</summary>
    public string? SubAgent { get; set; }

    /// <summary>Tool name + canonical arguments.</summary>
    public string Signature { get; set; } = "";

    /// <summary>The arguments as a canonical JSON object, once valid.</summary>
    public string Arguments { get; set; } = "{}";

    /// <summary>Why approval is needed, when it is (cleared once approved).</summary>
    public string? ApprovalReason { get; set; }

    /// <summary>Why approval was asked for, kept for the audit after the decision.</summary>
    public string? ApprovalAsked { get; set; }

    /// <summary>The decision that decided this call, when a human did.</summary>
    public ApprovalRecord? Decision { get; set; }

    /// <summary>True when nobody decided within the approval timeout.</summary>
    public bool DecisionTimedOut { get; set; }

    /// <summary>True for a call of the runtime's escalate_to_human tool.</summary>
    public bool IsEscalation { get; set; }

    /// <summary>The sub-run a sub-agent call started.</summary>
    public string? SubRunId { get; set; }

    /// <summary>The result message, once there is one.</summary>
    public NewMessage? Result { get; private set; }

    public string Status { get; private set; } = "";

    public string RecordText { get; private set; } = "";

    public bool HasResult => Result is not null;

    /// <summary>Sets a result written by the orchestrator (errors, refusals, rejections, timeouts, sub-agent answers).</summary>
    public void Resolve(string status, string text, int maxChars)
    {
        Status = status;
        RecordText = text;
        Result = NewMessage.ToolResult(CallId, ToolResultFormatter.Format(Call.Name, status, text, maxChars));
    }

    /// <summary>Sets a result the tool activity stored.</summary>
    public void ResolveStored(ToolCallOutput output)
    {
        Status = output.Status;
        RecordText = output.Preview;
        Result = NewMessage.Stored(output.MessageId);
    }
}
