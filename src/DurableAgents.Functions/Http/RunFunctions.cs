using DurableAgents.Api;
using DurableAgents.Api.Runs;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DurableAgents.Functions.Http;

/// <summary>
/// The runs API as HTTP triggers: each calls the handler the self-hosted host maps, with a run client over this invocation's
/// Durable client. Management routes take a function key (<see cref="AuthorizationLevel.Function"/>).
/// </summary>
public sealed class RunFunctions(AgentRunClientFactory runs, IOptions<DurableAgentsApiOptions> options)
{
    /// <summary><c>POST /api/agents/{agent}/runs</c>.</summary>
    [Function("StartRun")]
    public async Task<IResult> StartAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/agents/{agent}/runs")] HttpRequest request,
        string agent, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.StartAsync(agent, request, runs.Create(client), options.Value, cancellationToken);

    /// <summary><c>GET /api/runs</c>.</summary>
    [Function("ListRuns")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.ListAsync(request, runs.Create(client), cancellationToken);

    /// <summary><c>GET /api/runs/{id}</c>.</summary>
    [Function("GetRun")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/runs/{id}")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.GetAsync(id, request, runs.Create(client), options.Value, cancellationToken);

    /// <summary><c>GET /api/runs/{id}/history</c>.</summary>
    [Function("GetRunHistory")]
    public async Task<IResult> HistoryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/runs/{id}/history")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.HistoryAsync(id, runs.Create(client), options.Value, cancellationToken);

    /// <summary><c>GET /api/runs/{id}/audit</c>.</summary>
    [Function("GetRunAudit")]
    public async Task<IResult> AuditAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/runs/{id}/audit")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.AuditAsync(id, request, runs.Create(client), cancellationToken);
}
