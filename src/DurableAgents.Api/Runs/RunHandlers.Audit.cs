using DurableAgents.Api.Http;
using DurableAgents.Runs;
using DurableAgents.Runs.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Runs;

/// <summary><c>GET /api/runs/{id}/audit</c>: the run's audit trail.</summary>
public static partial class RunHandlers
{
    /// <summary>
    /// <c>GET /api/runs/{id}/audit[?subRuns=false]</c>: every tool call and hand-off of the run and (by default) of its sub-runs, by
    /// time, each with run, agent, tool, argument digest, permission, approval and approver, outcome and times, as the runs recorded them.
    /// </summary>
    public static async Task<Results<Ok<AuditTrail>, ProblemHttpResult>> AuditAsync(
        string id, HttpRequest request, AgentRunClient runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runs);
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var subRuns = true;
        if (request.Query["subRuns"].FirstOrDefault() is { } flag && !bool.TryParse(flag, out subRuns))
        {
            return Problems.BadRequest($"subRuns is '{flag}'; use true (the run and its sub-runs, the default) or false (the run only).");
        }

        return await runs.GetAuditAsync(id, subRuns, cancellationToken) is { } trail ? TypedResults.Ok(trail) : Problems.RunNotFound(id);
    }
}
