using DurableAgents.Agents;
using DurableAgents.Api.Memory;
using DurableAgents.Memory;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Functions.Http;

/// <summary>The memories API as HTTP triggers over the shared handlers; management routes take a function key.</summary>
public sealed class MemoryFunctions(IAgentCatalog catalog, AgentMemory memory)
{
    /// <summary><c>GET /api/agents/{agent}/memories</c>.</summary>
    [Function("ListMemories")]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/agents/{agent}/memories")] HttpRequest request,
        string agent, CancellationToken cancellationToken) =>
        await MemoryHandlers.ListAsync(agent, request, catalog, memory, cancellationToken);

    /// <summary><c>DELETE /api/agents/{agent}/memories/{id}</c>.</summary>
    [Function("DeleteMemory")]
    public async Task<IResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/agents/{agent}/memories/{id}")] HttpRequest request,
        string agent, string id, CancellationToken cancellationToken) =>
        await MemoryHandlers.DeleteAsync(agent, id, catalog, memory, cancellationToken);

    /// <summary><c>DELETE /api/agents/{agent}/memories</c>.</summary>
    [Function("PurgeMemories")]
    public async Task<IResult> PurgeAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/agents/{agent}/memories")] HttpRequest request,
        string agent, CancellationToken cancellationToken) =>
        await MemoryHandlers.PurgeAsync(agent, request, catalog, memory, cancellationToken);
}
