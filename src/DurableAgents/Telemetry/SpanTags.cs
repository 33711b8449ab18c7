namespace DurableAgents.Telemetry;

/// <summary>Attribute names: the OpenTelemetry GenAI and Durable Task conventions where they have one, <c>durableagents.*</c> otherwise.</summary>
internal static class SpanTags
{
    public const string OperationName = "gen_ai.operation.name";
    public const string AgentName = "gen_ai.agent.name";
    public const string RequestModel = "gen_ai.request.model";
    public const string TokenType = "gen_ai.token.type";
    public const string ToolName = "gen_ai.tool.name";
    public const string ToolCallId = "gen_ai.tool.call.id";
    public const string ToolType = "gen_ai.tool.type";
    public const string ToolArguments = "gen_ai.tool.call.arguments";
    public const string ToolResult = "gen_ai.tool.call.result";
    public const string InputMessages = "gen_ai.input.messages";
    public const string ErrorType = "error.type";

    public const string TaskType = "durabletask.type";
    public const string TaskName = "durabletask.task.name";
    public const string TaskInstanceId = "durabletask.task.instance_id";
    public const string FireAt = "durabletask.fire_at";

    public const string RunId = "durableagents.run.id";
    public const string RunStep = "durableagents.run.step";
    public const string RunOutcome = "durableagents.run.outcome";
    public const string ToolStatus = "durableagents.tool.status";
    public const string TimerReason = "durableagents.timer.reason";
    public const string ApprovalCalls = "durableagents.approval.calls";
    public const string ApprovalTools = "durableagents.approval.tools";
    public const string ApprovalApproved = "durableagents.approval.approved";
    public const string ApprovalRejected = "durableagents.approval.rejected";
    public const string ApprovalDecisions = "durableagents.approval.decisions";
}
