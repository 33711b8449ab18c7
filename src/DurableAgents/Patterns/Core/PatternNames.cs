namespace DurableAgents.Patterns;

/// <summary>Names of the patterns' orchestrators, activities and events.</summary>
public static class PatternNames
{
    /// <summary>The supervisor team.</summary>
    public const string Supervisor = "Patterns.Supervisor";

    /// <summary>The content pipeline with a human-review gate.</summary>
    public const string ContentPipeline = "Patterns.ContentPipeline";

    /// <summary>Plan-and-execute.</summary>
    public const string PlanExecute = "Patterns.PlanExecute";

    /// <summary>Two agents exchanging messages.</summary>
    public const string MessagePair = "Patterns.MessagePair";

    /// <summary>One long-running agent with a mailbox.</summary>
    public const string Mailbox = "Patterns.Mailbox";

    /// <summary>The structured-output model call.</summary>
    public const string StructuredCallActivity = "Patterns.StructuredCall";

    /// <summary>Reads a stored tool result whole (plan-and-execute hands results on).</summary>
    public const string ReadToolResultActivity = "Patterns.ReadToolResult";

    /// <summary>The tool that stands for a human review in a run's pending approvals and audit.</summary>
    public const string ReviewTool = "human_review";

    /// <summary>The phase while a pattern run hands work to a sub-run.</summary>
    public const string DelegatingPhase = "delegating";

    /// <summary>The phase while a pattern run asks its model for a structured decision.</summary>
    public const string DecidingPhase = "deciding";
}
