namespace DurableAgents.Runs;

/// <summary>A sub-run as its parent's status shows it: its own id, so a person (or a crash) can follow that worker alone.</summary>
/// <param name="RunId">The sub-run's instance id.</param>
/// <param name="Agent">Its agent.</param>
/// <param name="Label">What it is for, in the parent's terms ("round 2", "step 3", "fact-check, attempt 1").</param>
/// <param name="Outcome">How it ended; null while it runs.</param>
public sealed record SubRunRecord(string RunId, string Agent, string Label, AgentRunOutcome? Outcome = null)
{
    /// <summary>How many a status keeps (the newest); the audit keeps them all.</summary>
    public const int MaxKept = 20;
}

/// <summary>What a human taking over an escalated run needs.</summary>
/// <param name="Goal">The run's goal.</param>
/// <param name="Tried">What the run did so far and how each step went.</param>
/// <param name="Reason">Why it escalated.</param>
/// <param name="RaisedAt">When (UTC, orchestration time).</param>
public sealed record EscalationRecord(string Goal, string Tried, string Reason, DateTime RaisedAt);

/// <summary>A structured account of a run a budget ended: where, what was tried, and why it stopped.</summary>
/// <param name="Stage">The step or stage that could not be finished.</param>
/// <param name="Reason">Why the run stopped there.</param>
/// <param name="Budget">The budgets and what was spent, e.g. "retries 3 of 3 for write; replans 1 of 2".</param>
/// <param name="Attempts">Every attempt that failed, oldest first.</param>
/// <param name="LastOutput">The best output the run had when it stopped (a draft, partial results).</param>
public sealed record RunErrorReport(string Stage, string Reason, string Budget, IReadOnlyList<RunAttempt> Attempts, string? LastOutput);

/// <summary>One failed attempt in a <see cref="RunErrorReport"/>.</summary>
/// <param name="Stage">The stage or step.</param>
/// <param name="Attempt">Its number (1 for the first try).</param>
/// <param name="RunId">The sub-run that made it, when one did.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Reason">Why.</param>
public sealed record RunAttempt(string Stage, int Attempt, string? RunId, string Outcome, string? Reason);
