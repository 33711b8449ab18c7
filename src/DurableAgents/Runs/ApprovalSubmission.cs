namespace DurableAgents.Runs;

/// <summary>What became of a submitted approval.</summary>
public enum ApprovalSubmitStatus
{
    /// <summary>The run applied the decision to at least one call.</summary>
    Applied,

    /// <summary>Delivered, but the run had not applied it when the wait ended (it is suspended or busy); its status will show it.</summary>
    Delivered,

    /// <summary>A decision with this delivery id was applied before; nothing changed.</summary>
    AlreadyDelivered,

    /// <summary>Every call it named had already been decided by someone else; nothing changed.</summary>
    Superseded,

    /// <summary>This signed request was received before; nothing changed.</summary>
    Replayed,

    /// <summary>It named call ids the run is not waiting for; nothing was sent.</summary>
    UnknownCalls,

    /// <summary>The run is not waiting for an approval.</summary>
    NotAwaitingApproval,

    /// <summary>No such run.</summary>
    RunNotFound,
}

/// <summary>The answer to <see cref="AgentRunClient.SubmitApprovalAsync"/>.</summary>
/// <param name="Status">What became of it.</param>
/// <param name="Detail">A sentence for the sender: what was decided, by whom, or what to fix.</param>
/// <param name="Record">The run's record of the decision that counts (this one, or the one that superseded it), when there is one.</param>
public sealed record ApprovalSubmission(ApprovalSubmitStatus Status, string Detail, ApprovalRecord? Record = null);
