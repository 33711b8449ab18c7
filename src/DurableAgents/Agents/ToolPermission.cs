namespace DurableAgents.Agents;

/// <summary>What a tool may do; an agent's policy caps the level its tools may have.</summary>
public enum ToolPermission
{
    /// <summary>Reads only; no side effects.</summary>
    Read = 0,

    /// <summary>Changes something that can be changed back.</summary>
    Write = 1,

    /// <summary>Deletes, pays, sends, or otherwise cannot be undone; always needs approval.</summary>
    Destructive = 2,
}

/// <summary>What happens when nobody decides on an approval in time.</summary>
public enum ApprovalTimeoutAction
{
    /// <summary>The pending calls are rejected and the model is told so.</summary>
    Reject,

    /// <summary>The run keeps waiting, its status marked escalated.</summary>
    Escalate,
}
