using DurableAgents.Runs;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Host.Eval;

/// <summary>
/// Runs cases as durable agent runs through the run client: starts each, answers the approvals it waits for as its case says
/// (in the run and every sub-run), waits within its timeout, and scores the result. A few cases run at once.
/// </summary>
public sealed class EvalRunner(AgentRunClient runs, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>A prefix for this eval's run ids (unique per eval, so a task hub can hold many evals).</summary>
    public string RunPrefix { get; init; } = "eval";

    /// <summary>How many cases run at once.</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Runs every case; <paramref name="done"/> is called as each one finishes (from any thread).</summary>
    public async Task<IReadOnlyList<EvalResult>> RunAsync(IReadOnlyList<EvalCase> cases, Action<EvalResult>? done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        using var gate = new SemaphoreSlim(Math.Max(1, Parallelism));
        var tasks = cases.Select(async item =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                var result = await RunCaseAsync(item, cancellationToken);
                done?.Invoke(result);
                return result;
            }
            finally
            {
                gate.Release();
            }
        });
        return await Task.WhenAll(tasks);
    }

    /// <summary>Runs one case to its result.</summary>
    public async Task<EvalResult> RunCaseAsync(EvalCase item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var runId = $"{RunPrefix}-{item.Name}";
        try
        {
            await runs.StartRunAsync(item.Agent, item.Goal, runId, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is AgentNotFoundException or RunAlreadyExistsException or ArgumentException)
        {
            return EvalScorer.Unfinished(item, runId, "not-started", e.Message);
        }

        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(item.Budget.TimeoutSeconds);
        var decided = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var run = await runs.GetRunAsync(runId, includeToolCalls: false, cancellationToken);
            if (run is { RuntimeStatus: OrchestrationRuntimeStatus.Completed, Result: { } result })
            {
                return EvalScorer.Score(item, runId, result, await runs.GetAuditAsync(runId, cancellationToken: cancellationToken));
            }

            if (run is { RuntimeStatus: OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Completed })
            {
                return EvalScorer.Unfinished(item, runId, run.RuntimeStatus.ToString(), run.Failure?.ErrorMessage ?? $"the run ended {run.RuntimeStatus} without a result", run);
            }

            if (time.GetUtcNow() > deadline)
            {
                return EvalScorer.Unfinished(item, runId, "timed-out",
                    $"not finished after {item.Budget.TimeoutSeconds} s (phase {run?.Status?.Phase ?? "unknown"}{(item.Approvals is null ? "; set \"approvals\" if it waits for one" : "")})", run);
            }

            if (item.Approvals is { } answer && run is not null)
            {
                await DecideAsync(run, answer == "approve", decided, cancellationToken);
            }

            await Task.Delay(Poll, time, cancellationToken);
        }
    }

    /// <summary>Answers what the run and its unfinished sub-runs (at any depth) wait for, once per call.</summary>
    private async Task DecideAsync(AgentRunView root, bool approve, HashSet<string> decided, CancellationToken cancellationToken)
    {
        var queue = new Queue<AgentRunView>([root]);
        for (var visited = 0; queue.TryDequeue(out var run) && visited < AgentRunClient.MaxAuditRuns; visited++)
        {
            var pending = run.Status?.PendingApprovals?.Select(p => p.CallId).Where(id => decided.Add($"{run.RunId}/{id}")).ToList() ?? [];
            if (pending.Count > 0)
            {
                await runs.SubmitApprovalAsync(run.RunId, new ApprovalDecision(approve, pending, "eval", "decided by the eval case"), cancellationToken);
            }

            foreach (var sub in run.Status?.SubRuns?.Where(s => s.Outcome is null) ?? [])
            {
                if (await runs.GetRunAsync(sub.RunId, includeToolCalls: false, cancellationToken) is { } child)
                {
                    queue.Enqueue(child);
                }
            }
        }
    }
}
