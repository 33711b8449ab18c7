using DurableAgents.Agents;
using DurableAgents.Api.Agents;
using DurableAgents.Schedules;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Functions.Http;

/// <summary>The agents API as HTTP triggers over the shared handlers.</summary>
public sealed class AgentFunctions(IAgentCatalog catalog, ScheduleCatalog schedules)
{
    /// <summary><c>GET /api/agents</c>.</summary>
    [Function("ListAgents")]
    public IResult List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/agents")] HttpRequest request) =>
        AgentHandlers.List(catalog, schedules);

    /// <summary><c>GET /api/agents/{name}</c>.</summary>
    [Function("GetAgent")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "api/agents/{name}")] HttpRequest request, string name) =>
        AgentHandlers.Get(name, catalog, schedules);
}
