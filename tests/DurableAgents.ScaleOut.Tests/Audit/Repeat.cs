using DurableAgents.ScaleOut.Tests.Infrastructure;

namespace DurableAgents.ScaleOut.Tests.Audit;

/// <summary>
/// A step that completed more than once: why each extra run happened, or the <paramref name="Problem"/> that makes it a real
/// repeat (a step run again although its message was acknowledged, or scheduled again after its result was recorded).
/// </summary>
/// <param name="Key">The step's key (instance/step).</param>
/// <param name="Executions">Every completed run of it, oldest first.</param>
/// <param name="Causes">The at-least-once causes found in the logs.</param>
/// <param name="Problem">Null when every extra run has a cause; otherwise what is wrong.</param>
/// <param name="RanAfterResultRecorded">An extra run began after the instance's history already held the step's result.</param>
public sealed record Repeat(string Key, IReadOnlyList<Execution> Executions, IReadOnlyList<RepeatCause> Causes, string? Problem, bool RanAfterResultRecorded);

/// <summary>
/// One way DTFx 2.11.2 on Azure Storage runs an activity again, each an at-least-once case: the step's message was never
/// deleted, or an episode that was never stored had already sent it. <paramref name="Tag"/> names it in the summary line.
/// </summary>
public sealed record RepeatCause(string Tag, string Explanation)
{
    public static readonly RepeatCause KilledHolder = new("killed-holder", "redelivered: the killed host held its message and never deleted it");

    public static readonly RepeatCause FailedAcknowledgement =
        new("failed-ack", "redelivered: its holder could not complete or delete its message while storage was down");

    public static readonly RepeatCause KilledEpisode = new("killed-episode", "sent again: the killed host had sent it in an episode it never stored");

    public static readonly RepeatCause SplitBrain = new(
        "split-brain", "sent again: two hosts ran the same episode at a partition handover; DTFx refused one at commit (split brain) after it had sent the step");

    public static readonly RepeatCause FailedEpisode = new("failed-episode", "sent again: an episode that had sent it failed to store while storage was down");

    public static readonly RepeatCause RetriedInsert =
        new("retried-insert", "sent twice: the storage client retried an insert that the outage cut off after it was stored");
}
