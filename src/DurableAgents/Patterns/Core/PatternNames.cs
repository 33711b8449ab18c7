namespace DurableAgents.Patterns;

/// <summary>Names of the patterns' orchestrators, activities and events.</summary>
public static class PatternNames
{
    /// <summary>The supervisor team.</summary>
    public const string Supervisor = "Pattern_Supervisor";

    /// <summary>The content pipeline with a human-review gate.</summary>
    public const string ContentPipeline = "Pattern_ContentPipeline";

    /// <summary>Plan-and-execute.</summary>
    public const string PlanExecute = "Pattern_PlanExecute";

    /// <summary>Two agents exchanging messages.</summary>
    public const string MessagePair = "Pattern_MessagePair";

    /// <summary>One long-running agent with a mailbox.</summary>
    public const string Mailbox = "Pattern_Mailbox";

    /// <summary>The structured-output model call.</summary>
    public const string StructuredCallActivity = "Pattern_StructuredCall";

    /// <summary>Reads a stored tool result whole (plan-and-execute hands results on).</summary>
    public const string ReadToolResultActivity = "Pattern_ReadToolResult";

    /// <summary>The tool that stands for a human review in a run's pending approvals and audit.</summary>
    public const string ReviewTool = "human_review";

    /// <summary>The phase while a pattern run hands work to a sub-run.</summary>
    public const string DelegatingPhase = "delegating";

    /// <summary>The phase while a pattern run asks its model for a structured decision.</summary>
    public const string DecidingPhase = "deciding";
}
