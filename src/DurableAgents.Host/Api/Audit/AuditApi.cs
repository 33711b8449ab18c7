using DurableAgents.Host.Security;
using DurableAgents.Runs;
using DurableAgents.Runs.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Host.Api.Audit;

/// <summary>
/// <c>GET /api/runs/{id}/audit[?subRuns=false]</c>: every tool call and hand-off of the run and (by default) of its sub-runs, by time,
/// each with run, agent, tool, argument digest, permission, approval and approver, outcome and times, as the runs recorded them.
/// </summary>
public static class AuditApi
{
    /// <summary>Maps the audit endpoint (management key required).</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/runs").WithTags("Audit").AddEndpointFilter<RunIdFilter>().AddEndpointFilter<ApiKeyFilter>()
            .MapGet("/{id}/audit", GetAsync).WithName("GetRunAudit");
        return app;
    }

    private static async Task<Results<Ok<AuditTrail>, ProblemHttpResult>> GetAsync(
        string id, AgentRunClient runs, CancellationToken cancellationToken, bool subRuns = true) =>
        await runs.GetAuditAsync(id, subRuns, cancellationToken) is { } trail ? TypedResults.Ok(trail) : Problems.RunNotFound(id);
}
