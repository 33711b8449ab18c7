using DurableAgents.Runs.Audit;

namespace DurableAgents.Runs;

/// <summary>Reads audit trails: a run's record of every tool call and hand-off, with its sub-runs'.</summary>
public sealed partial class AgentRunClient
{
    /// <summary>The most runs one trail walks (a run and its sub-runs, at any depth).</summary>
    public const int MaxAuditRuns = 500;

    /// <summary>
    /// The run's audit entries and, when <paramref name="includeSubRuns"/>, those of every sub-run it started (followed through the
    /// entries' sub-run ids and the status's sub-runs), by time; null when there is no such run.
    /// </summary>
    public async Task<AuditTrail?> GetAuditAsync(string runId, bool includeSubRuns = true, CancellationToken cancellationToken = default)
    {
        var root = await GetRunAsync(runId, includeToolCalls: false, cancellationToken);
        if (root is null)
        {
            return null;
        }

        var log = new AuditLog(conversations.Store);
        var runs = new List<string>();
        var entries = new List<AuditEntry>();
        var queue = new Queue<AgentRunView>([root]);
        var seen = new HashSet<string>(StringComparer.Ordinal) { root.RunId };
        while (queue.TryDequeue(out var run))
        {
            runs.Add(run.RunId);
            var own = await log.ReadAsync(run.Result?.Audit ?? run.Status?.Audit, run.RunId, run.Agent, cancellationToken);
            entries.AddRange(own);
            if (!includeSubRuns)
            {
                continue;
            }

            var children = own.Select(e => e.SubRunId).Concat(run.Status?.SubRuns?.Select(s => s.RunId) ?? []).OfType<string>();
            foreach (var child in children.Where(seen.Add).Take(MaxAuditRuns - seen.Count + 1))
            {
                if (await GetRunAsync(child, includeToolCalls: false, cancellationToken) is { } sub)
                {
                    queue.Enqueue(sub);
                }
            }
        }

        return new AuditTrail(root.RunId, runs, entries.OrderBy(e => e.RequestedAt).ThenBy(e => runs.IndexOf(e.RunId)).ToList());
    }
}
