using DurableAgents.Agents;
using DurableAgents.Api.Agents;
using DurableAgents.Host.Security;
using DurableAgents.Schedules;

namespace DurableAgents.Host.Api.Agents;

/// <summary>Maps the agents API onto the shared <see cref="AgentHandlers"/>.</summary>
public static class AgentsApi
{
    /// <summary>Maps <c>GET /api/agents</c> and <c>GET /api/agents/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/agents").WithTags("Agents").AddEndpointFilter<ApiKeyFilter>();
        group.MapGet("", (IAgentCatalog catalog, IServiceProvider services) => AgentHandlers.List(catalog, services.GetService<ScheduleCatalog>()))
            .WithName("ListAgents");
        group.MapGet("/{name}", (string name, IAgentCatalog catalog, IServiceProvider services) => AgentHandlers.Get(name, catalog, services.GetService<ScheduleCatalog>()))
            .WithName("GetAgent");
        return app;
    }
}
