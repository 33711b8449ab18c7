using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Api.Http;
using DurableAgents.Schedules;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Agents;

/// <summary>A tool as <c>GET /api/agents</c> shows it.</summary>
public sealed record ToolResponse(string Name, string? Description, string Permission, bool NeedsApproval, bool Idempotent, TimeSpan? Timeout, JsonElement Schema);

/// <summary>An agent as <c>GET /api/agents</c> shows it.</summary>
public sealed record AgentResponse(
    string Name, string? Description, string Instructions, IReadOnlyList<ToolResponse> Tools, IReadOnlyList<string> SubAgents,
    AgentPolicy Policy, IReadOnlyList<string> Schedules)
{
    /// <summary>For an agent whose runs are a pattern (supervisor team, pipeline, ...): its orchestration and the agents it hands work to.</summary>
    public PatternResponse? Pattern { get; init; }
}

/// <summary>A pattern as <c>GET /api/agents</c> shows it.</summary>
/// <param name="Orchestrator">The orchestration a run of the agent is.</param>
/// <param name="Agents">The agents it hands work to.</param>
public sealed record PatternResponse(string Orchestrator, IReadOnlyList<string> Agents);

/// <summary>The agents API, one implementation for both hosts.</summary>
public static class AgentHandlers
{
    /// <summary><c>GET /api/agents</c>.</summary>
    public static Ok<List<AgentResponse>> List(IAgentCatalog catalog, ScheduleCatalog? schedules)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return TypedResults.Ok(catalog.Agents.Select(a => ToResponse(a, schedules)).ToList());
    }

    /// <summary><c>GET /api/agents/{name}</c>.</summary>
    public static Results<Ok<AgentResponse>, ProblemHttpResult> Get(string name, IAgentCatalog catalog, ScheduleCatalog? schedules)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Find(name) is { } agent
            ? TypedResults.Ok(ToResponse(agent, schedules))
            : Problems.NotFound($"No agent named '{name}' is registered. GET /api/agents lists the agents.");
    }

    private static AgentResponse ToResponse(AgentDefinition agent, ScheduleCatalog? catalog)
    {
        var schedules = catalog?.Schedules
            .Where(s => string.Equals(s.Agent, agent.Name, StringComparison.OrdinalIgnoreCase)).Select(s => s.Name).ToList() ?? [];
        var tools = agent.Tools.Select(t => new ToolResponse(
            t.Name, t.Function.Description, t.Permission.ToString(), t.NeedsApproval, t.IsIdempotent, t.Timeout, t.Function.JsonSchema)).ToList();
        return new AgentResponse(agent.Name, agent.Description, agent.Instructions, tools, agent.SubAgents, agent.Policy, schedules)
        {
            Pattern = agent.Pattern is { } pattern ? new PatternResponse(pattern.Orchestrator, pattern.Agents.ToList()) : null,
        };
    }
}
