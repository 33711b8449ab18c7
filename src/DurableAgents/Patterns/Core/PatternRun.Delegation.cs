using DurableAgents.Runs;
using DurableAgents.Runs.Audit;
using DurableAgents.Runs.Loop;
using Microsoft.DurableTask;

namespace DurableAgents.Patterns;

/// <summary>Handing work to agents: each task is a sub-run (a sub-orchestration with its own id), noted in the status and audit.</summary>
public sealed partial class PatternRun
{
    /// <summary>
    /// Runs <paramref name="agent"/> on <paramref name="task"/> as a sub-run with id <see cref="SubRunId"/>(<paramref name="key"/>):
    /// the status shows it while it runs, its usage is added, and the audit records the hand-off. A crash resumes that sub-run
    /// alone. A sub-run that fails outright comes back as a <see cref="AgentRunOutcome.Failed"/> result, never as an exception.
    /// </summary>
    /// <param name="agent">The agent (a loop agent or another pattern).</param>
    /// <param name="task">The task, with all the context the agent needs.</param>
    /// <param name="key">Unique within this run, the same on every replay (e.g. "r3-writer").</param>
    /// <param name="label">What it is for, for people ("round 3: writer").</param>
    public async Task<AgentRunResult> DelegateAsync(string agent, string task, string key, string label)
    {
        ArgumentNullException.ThrowIfNull(task);
        var definition = Catalog.Find(agent) ?? throw new RunEndedException(AgentRunOutcome.Failed, new AgentNotFoundException(agent).Message);
        var id = SubRunId(key);
        var requestedAt = Context.CurrentUtcDateTime;
        Progress.NoteSubRun(new SubRunRecord(id, definition.Name, label));
        Publish(PatternNames.DelegatingPhase);
        AgentRunResult result;
        try
        {
            result = await Context.CallSubOrchestratorAsync<AgentRunResult>(
                AgentRunNames.OrchestratorOf(definition),
                AgentRunInput.Start(definition.Name, task, Input.Depth + 1) with
                {
                    TraceParent = Input.TraceParent, // one trace for the team and its workers
                    RecallLessons = definition.Pattern is null && definition.Policy.Memory.InjectLessons,
                    User = Input.User, // a team run for a user: its workers remember and recall for that user
                    Session = Input.Session, // and a session turn's workers keep that session's facts
                },
                new SubOrchestrationOptions { InstanceId = id });
        }
        catch (TaskFailedException failed)
        {
            result = new AgentRunResult { Outcome = AgentRunOutcome.Failed, Reason = $"The sub-run failed: {ModelRetries.Inner(failed.FailureDetails).ErrorMessage}" };
        }

        Usage += result.Usage;
        Progress.NoteSubRun(new SubRunRecord(id, definition.Name, label, result.Outcome));
        await AuditAsync(new AuditEntry
        {
            RunId = Context.InstanceId,
            Agent = Definition.Name,
            Step = Step,
            CallId = key,
            Tool = definition.Name,
            Kind = "sub-agent",
            ArgumentDigest = AuditLog.Digest(task),
            Permission = "sub-agent",
            Outcome = result.Outcome == AgentRunOutcome.Completed ? "ok" : result.Outcome.ToString().ToLowerInvariant(),
            RequestedAt = requestedAt,
            CompletedAt = Context.CurrentUtcDateTime,
            SubRunId = id,
        });
        return result;
    }

    /// <summary>Adds entries to the run's audit (a durable activity; the run ends Failed if the record cannot be written).</summary>
    public async Task AuditAsync(params AuditEntry[] entries)
    {
        try
        {
            Progress.AuditHead = await Context.AppendAuditAsync(Progress.AuditHead, entries);
        }
        catch (TaskFailedException failed)
        {
            throw new RunEndedException(AgentRunOutcome.Failed,
                $"The audit record could not be written, so the run stopped: {ModelRetries.Inner(failed.FailureDetails).ErrorMessage}");
        }
    }
}
