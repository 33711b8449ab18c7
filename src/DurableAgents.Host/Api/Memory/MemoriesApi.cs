using DurableAgents.Agents;
using DurableAgents.Api.Memory;
using DurableAgents.Host.Security;
using DurableAgents.Memory;

namespace DurableAgents.Host.Api.Memory;

/// <summary>Maps the memories API onto the shared <see cref="MemoryHandlers"/>, behind the API key.</summary>
public static class MemoriesApi
{
    /// <summary>Maps <c>GET</c> and <c>DELETE /api/agents/{agent}/memories</c> and <c>DELETE /api/agents/{agent}/memories/{id}</c>.</summary>
    public static IEndpointRouteBuilder MapMemoriesApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/agents/{agent}/memories").WithTags("Memory").AddEndpointFilter<ApiKeyFilter>();
        group.MapGet("", (string agent, HttpRequest request, IAgentCatalog catalog, AgentMemory memory, CancellationToken cancellationToken) =>
            MemoryHandlers.ListAsync(agent, request, catalog, memory, cancellationToken)).WithName("ListMemories");
        group.MapDelete("/{id}", (string agent, string id, IAgentCatalog catalog, AgentMemory memory, CancellationToken cancellationToken) =>
            MemoryHandlers.DeleteAsync(agent, id, catalog, memory, cancellationToken)).WithName("DeleteMemory");
        group.MapDelete("", (string agent, HttpRequest request, IAgentCatalog catalog, AgentMemory memory, CancellationToken cancellationToken) =>
            MemoryHandlers.PurgeAsync(agent, request, catalog, memory, cancellationToken)).WithName("PurgeMemories");
        return app;
    }
}
