using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Host.Security;
using DurableAgents.Schedules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Host.Api.Agents;

/// <summary>A tool as <c>GET /api/agents</c> shows it.</summary>
public sealed record ToolResponse(string Name, string? Description, string Permission, bool NeedsApproval, bool Idempotent, TimeSpan? Timeout, JsonElement Schema);

/// <summary>An agent as <c>GET /api/agents</c> shows it.</summary>
public sealed record AgentResponse(
    string Name, string? Description, string Instructions, IReadOnlyList<ToolResponse> Tools, IReadOnlyList<string> SubAgents,
    AgentPolicy Policy, IReadOnlyList<string> Schedules);

/// <summary>The agents API.</summary>
public static class AgentsApi
{
    /// <summary>Maps <c>GET /api/agents</c> and <c>GET /api/agents/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapAgentsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api/agents").WithTags("Agents").AddEndpointFilter<ApiKeyFilter>();
        group.MapGet("", (IAgentCatalog catalog, IServiceProvider services) =>
            TypedResults.Ok(catalog.Agents.Select(a => ToResponse(a, services)).ToList())).WithName("ListAgents");
        group.MapGet("/{name}", Results<Ok<AgentResponse>, ProblemHttpResult> (string name, IAgentCatalog catalog, IServiceProvider services) =>
            catalog.Find(name) is { } agent
                ? TypedResults.Ok(ToResponse(agent, services))
                : Problems.NotFound($"No agent named '{name}' is registered. GET /api/agents lists the agents.")).WithName("GetAgent");
        return app;
    }

    private static AgentResponse ToResponse(AgentDefinition agent, IServiceProvider services)
    {
        var schedules = services.GetService<ScheduleCatalog>()?.Schedules
            .Where(s => string.Equals(s.Agent, agent.Name, StringComparison.OrdinalIgnoreCase)).Select(s => s.Name).ToList() ?? [];
        var tools = agent.Tools.Select(t => new ToolResponse(
            t.Name, t.Function.Description, t.Permission.ToString(), t.NeedsApproval, t.IsIdempotent, t.Timeout, t.Function.JsonSchema)).ToList();
        return new AgentResponse(agent.Name, agent.Description, agent.Instructions, tools, agent.SubAgents, agent.Policy, schedules);
    }
}
