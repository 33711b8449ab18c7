using DurableAgents.Api;
using DurableAgents.Api.Runs;
using DurableAgents.Api.Security;
using DurableAgents.Host.Security;
using DurableAgents.Runs;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Api.Runs;

/// <summary>Maps the runs API onto the shared <see cref="RunHandlers"/> (the Functions app serves the same handlers).</summary>
public static class RunsApi
{
    /// <summary>Maps <c>POST /api/agents/{agent}/runs</c> and <c>/api/runs/...</c>.</summary>
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/agents").WithTags("Runs").AddEndpointFilter<ApiKeyFilter>()
            .MapPost("/{agent}/runs", (string agent, HttpRequest request, AgentRunClient runs, IOptions<DurableAgentsApiOptions> options, CancellationToken ct) =>
                RunHandlers.StartAsync(agent, request, runs, options.Value, ct))
            .Accepts<StartRunRequest>("application/json").WithName("StartRun");

        var runs = app.MapGroup("/api/runs").WithTags("Runs");
        var managed = runs.MapGroup("").AddEndpointFilter<ApiKeyFilter>();
        managed.MapGet("", (HttpRequest request, AgentRunClient runs, CancellationToken ct) => RunHandlers.ListAsync(request, runs, ct)).WithName("ListRuns");
        managed.MapGet("/{id}", (string id, HttpRequest request, AgentRunClient runs, IOptions<DurableAgentsApiOptions> options, CancellationToken ct) =>
            RunHandlers.GetAsync(id, request, runs, options.Value, ct)).WithName("GetRun");
        managed.MapGet("/{id}/history", (string id, AgentRunClient runs, IOptions<DurableAgentsApiOptions> options, CancellationToken ct) =>
            RunHandlers.HistoryAsync(id, runs, options.Value, ct)).WithName("GetRunHistory");
        managed.MapPost("/{id}/events/{name}", (string id, string name, HttpRequest request, AgentRunClient runs, CancellationToken ct) =>
            RunHandlers.RaiseEventAsync(id, name, request, runs, ct)).WithName("RaiseRunEvent");
        managed.MapPost("/{id}/terminate", (string id, HttpRequest request, AgentRunClient runs, CancellationToken ct) =>
            RunHandlers.TerminateAsync(id, request, runs, ct)).WithName("TerminateRun");
        managed.MapPost("/{id}/suspend", (string id, HttpRequest request, AgentRunClient runs, CancellationToken ct) =>
            RunHandlers.SuspendAsync(id, request, runs, ct)).WithName("SuspendRun");
        managed.MapPost("/{id}/resume", (string id, HttpRequest request, AgentRunClient runs, CancellationToken ct) =>
            RunHandlers.ResumeAsync(id, request, runs, ct)).WithName("ResumeRun");
        managed.MapDelete("/{id}", (string id, AgentRunClient runs, CancellationToken ct) => RunHandlers.PurgeAsync(id, runs, ct)).WithName("PurgeRun");
        managed.MapGet("/{id}/audit", (string id, HttpRequest request, AgentRunClient runs, CancellationToken ct) =>
            RunHandlers.AuditAsync(id, request, runs, ct)).WithName("GetRunAudit").WithTags("Audit");

        // Approval takes a key or a signed webhook body: the handler's gate reads the raw body and decides.
        runs.MapPost("/{id}/approval", (string id, HttpRequest request, AgentRunClient runs, ApprovalGate gate, CancellationToken ct) =>
                RunHandlers.ApproveAsync(id, request, runs, gate, ct))
            .WithName("ApproveRun")
            .Accepts<ApprovalRequest>("application/json");
        return app;
    }
}
