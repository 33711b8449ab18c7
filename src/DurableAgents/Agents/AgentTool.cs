using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>A tool an agent can call, with the metadata the runtime enforces.</summary>
public sealed record AgentTool
{
    /// <summary>Creates a tool from a function.</summary>
    public AgentTool(AIFunction function)
    {
        Function = function ?? throw new ArgumentNullException(nameof(function));
    }

    /// <summary>The function (name, description, JSON schema, invocation).</summary>
    public AIFunction Function { get; }

    /// <summary>The tool name the model uses.</summary>
    public string Name => Function.Name;

    /// <summary>What the tool may do.</summary>
    public ToolPermission Permission { get; init; } = ToolPermission.Read;

    /// <summary>True when a human must approve each call (destructive tools always need approval).</summary>
    public bool RequiresApproval { get; init; }

    /// <summary>How long one call may run; the agent policy's default when null.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The longest result (characters) kept; the agent policy's default when null.</summary>
    public int? MaxResultChars { get; init; }

    /// <summary>True when calling it twice with the same arguments has the effect of calling it once (safe to retry).</summary>
    public bool IsIdempotent { get; init; }

    /// <summary>True when the runtime must ask a human before running a call.</summary>
    public bool NeedsApproval => RequiresApproval || Permission == ToolPermission.Destructive;
}
