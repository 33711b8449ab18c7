using DurableAgents.Api;
using DurableAgents.Api.Sessions;
using DurableAgents.Host.Security;
using DurableAgents.Sessions;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Api.Sessions;

/// <summary>Maps the sessions API onto the shared <see cref="SessionHandlers"/>, behind the API key.</summary>
public static class SessionsApi
{
    /// <summary>Maps <c>POST /api/agents/{agent}/sessions</c>, <c>POST /api/sessions/{id}/messages</c>, <c>GET /api/sessions[/{id}]</c>, <c>DELETE /api/sessions/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/agents/{agent}/sessions", (string agent, HttpRequest request, SessionClient sessions, IOptions<DurableAgentsApiOptions> options, CancellationToken cancellationToken) =>
            SessionHandlers.CreateAsync(agent, request, sessions, options.Value, cancellationToken)).WithTags("Sessions").WithName("CreateSession").AddEndpointFilter<ApiKeyFilter>();
        var group = app.MapGroup("/api/sessions").WithTags("Sessions").AddEndpointFilter<ApiKeyFilter>();
        group.MapPost("/{id}/messages", (string id, HttpRequest request, SessionClient sessions, IOptions<DurableAgentsApiOptions> options, CancellationToken cancellationToken) =>
            SessionHandlers.SendAsync(id, request, sessions, options.Value, cancellationToken)).WithName("SendSessionMessage");
        group.MapGet("", (SessionClient sessions, CancellationToken cancellationToken) => SessionHandlers.ListAsync(sessions, cancellationToken)).WithName("ListSessions");
        group.MapGet("/{id}", (string id, SessionClient sessions, CancellationToken cancellationToken) => SessionHandlers.GetAsync(id, sessions, cancellationToken)).WithName("GetSession");
        group.MapDelete("/{id}", (string id, SessionClient sessions, CancellationToken cancellationToken) => SessionHandlers.DeleteAsync(id, sessions, cancellationToken)).WithName("DeleteSession");
        return app;
    }
}
