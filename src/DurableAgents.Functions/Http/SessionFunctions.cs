using DurableAgents.Api;
using DurableAgents.Api.Sessions;
using DurableAgents.Sessions;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace DurableAgents.Functions.Http;

/// <summary>
/// The sessions API as HTTP triggers over the shared handlers, with a session client over this invocation's Durable client;
/// every route takes a function key.
/// </summary>
public sealed class SessionFunctions(SessionClientFactory sessions, IOptions<DurableAgentsApiOptions> options)
{
    /// <summary><c>POST /api/agents/{agent}/sessions</c>.</summary>
    [Function("CreateSession")]
    public async Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/agents/{agent}/sessions")] HttpRequest request,
        string agent, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await SessionHandlers.CreateAsync(agent, request, sessions.Create(client), options.Value, cancellationToken);

    /// <summary><c>POST /api/sessions/{id}/messages[?wait=SECONDS]</c>.</summary>
    [Function("SendSessionMessage")]
    public async Task<IResult> SendAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/sessions/{id}/messages")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await SessionHandlers.SendAsync(id, request, sessions.Create(client), options.Value, cancellationToken);

    /// <summary><c>GET /api/sessions</c>.</summary>
    [Function("ListSessions")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/sessions")] HttpRequest request,
        [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await SessionHandlers.ListAsync(sessions.Create(client), cancellationToken);

    /// <summary><c>GET /api/sessions/{id}</c>.</summary>
    [Function("GetSession")]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/sessions/{id}")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await SessionHandlers.GetAsync(id, sessions.Create(client), cancellationToken);

    /// <summary><c>DELETE /api/sessions/{id}</c>.</summary>
    [Function("DeleteSession")]
    public async Task<IResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/sessions/{id}")] HttpRequest request,
        string id, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        await SessionHandlers.DeleteAsync(id, sessions.Create(client), cancellationToken);
}
