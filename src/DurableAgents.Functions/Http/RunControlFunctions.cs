using DurableAgents.Api.Runs;
using DurableAgents.Api.Security;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Functions.Http;

/// <summary>Run commands as HTTP triggers over the shared handlers: events, terminate, suspend, resume, purge, approval.</summary>
public sealed class RunControlFunctions(AgentRunClientFactory runs, ApprovalGate gate)
{
    /// <summary>
    /// <c>POST /api/runs/{id}/approval</c>: anonymous at the Functions host, because a webhook sender has no function key; the
    /// handler's gate takes a signed request (HMAC, checked against replays) or a key from <c>DurableAgents:ApiKeys</c>.
    /// </summary>
    [Function("ApproveRun")]
    public async Task<IResult> ApproveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/runs/{id}/approval")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.ApproveAsync(id, request, runs.Create(client), gate, cancellationToken);

    /// <summary><c>POST /api/runs/{id}/events/{name}</c>.</summary>
    [Function("RaiseRunEvent")]
    public async Task<IResult> RaiseEventAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/runs/{id}/events/{name}")] HttpRequest request,
        string id, string name, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.RaiseEventAsync(id, name, request, runs.Create(client), cancellationToken);

    /// <summary><c>POST /api/runs/{id}/terminate</c>.</summary>
    [Function("TerminateRun")]
    public async Task<IResult> TerminateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/runs/{id}/terminate")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.TerminateAsync(id, request, runs.Create(client), cancellationToken);

    /// <summary><c>POST /api/runs/{id}/suspend</c>.</summary>
    [Function("SuspendRun")]
    public async Task<IResult> SuspendAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/runs/{id}/suspend")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.SuspendAsync(id, request, runs.Create(client), cancellationToken);

    /// <summary><c>POST /api/runs/{id}/resume</c>.</summary>
    [Function("ResumeRun")]
    public async Task<IResult> ResumeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/runs/{id}/resume")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.ResumeAsync(id, request, runs.Create(client), cancellationToken);

    /// <summary><c>DELETE /api/runs/{id}</c>.</summary>
    [Function("PurgeRun")]
    public async Task<IResult> PurgeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/runs/{id}")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await RunHandlers.PurgeAsync(id, runs.Create(client), cancellationToken);
}
