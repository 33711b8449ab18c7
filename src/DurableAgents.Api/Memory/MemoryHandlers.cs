using System.Globalization;
using DurableAgents.Agents;
using DurableAgents.Api.Http;
using DurableAgents.Memory;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Memory;

/// <summary>A memory as the API shows it (never its embedding).</summary>
public sealed record MemoryResponse(
    string Id, string Kind, string Text, string? Goal, string? Outcome, int Steps, string? ToolsUsed, string? Failures, string? Avoid,
    string Source, string? RunId, int? Step, DateTimeOffset CreatedAt, string EmbeddingModel, string Scope);

/// <summary>What <c>DELETE /api/agents/{agent}/memories</c> removed.</summary>
public sealed record PurgeResponse(string Agent, int Deleted);

/// <summary>The memories API, one implementation for both hosts: list an agent's memories, delete one, purge all.</summary>
public static class MemoryHandlers
{
    /// <summary>The most memories one list returns.</summary>
    public const int MaxTop = 1_000;

    /// <summary>
    /// <c>GET /api/agents/{agent}/memories?kind=episode|fact&amp;top=100&amp;scope=agent|session:{id}|user:{key}</c> (or <c>session={id}</c>):
    /// newest first, of every scope when none is given.
    /// </summary>
    public static async Task<Results<Ok<List<MemoryResponse>>, ProblemHttpResult>> ListAsync(
        string agent, HttpRequest request, IAgentCatalog catalog, AgentMemory memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(memory);
        if (Find(catalog, agent) is not { } definition)
        {
            return AgentNotFound(agent);
        }

        var kind = request.Query["kind"].ToString();
        if (kind.Length > 0 && !MemoryKinds.IsValid(kind))
        {
            return Problems.BadRequest($"'kind' is '{kind}'; use kind=episode or kind=fact, or leave it out for both.");
        }

        var topText = request.Query["top"].ToString();
        var top = 100;
        if (topText.Length > 0 && (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out top) || top is < 1 or > MaxTop))
        {
            return Problems.BadRequest($"'top' is '{topText}'; use a whole number from 1 to {MaxTop} (100 when left out).");
        }

        if (!MemoryScopeQuery.TryRead(request, out var scope, out var scopeError))
        {
            return Problems.BadRequest(scopeError);
        }

        var records = await memory.ListAsync(definition.Name, kind.Length == 0 ? null : kind, top, scope, cancellationToken);
        return TypedResults.Ok(records.Select(ToResponse).ToList());
    }

    /// <summary><c>DELETE /api/agents/{agent}/memories/{id}</c>: 204, or 404 when the agent has no such memory.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string agent, string id, IAgentCatalog catalog, AgentMemory memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memory);
        if (Find(catalog, agent) is not { } definition)
        {
            return AgentNotFound(agent);
        }

        if (!MemoryKeys.IsValidId(id, out var error))
        {
            return Problems.BadRequest(error);
        }

        return await memory.DeleteAsync(definition.Name, id, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Agent '{definition.Name}' has no memory '{id}'. GET /api/agents/{definition.Name}/memories lists them.");
    }

    /// <summary><c>DELETE /api/agents/{agent}/memories</c>: removes every memory of the agent (of one scope with <c>scope</c> or <c>session</c>); says how many.</summary>
    public static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeAsync(
        string agent, HttpRequest request, IAgentCatalog catalog, AgentMemory memory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(memory);
        if (Find(catalog, agent) is not { } definition)
        {
            return AgentNotFound(agent);
        }

        if (!MemoryScopeQuery.TryRead(request, out var scope, out var scopeError))
        {
            return Problems.BadRequest(scopeError);
        }

        return TypedResults.Ok(new PurgeResponse(definition.Name, await memory.PurgeAsync(definition.Name, scope, cancellationToken)));
    }

    private static AgentDefinition? Find(IAgentCatalog catalog, string agent)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return catalog.Find(agent);
    }

    private static ProblemHttpResult AgentNotFound(string agent) =>
        Problems.NotFound($"No agent named '{agent}' is registered. GET /api/agents lists the agents.");

    private static MemoryResponse ToResponse(MemoryRecord r) => new(
        MemoryKeys.Split(r.Key).Id, r.Kind, r.Text, r.Goal, r.Outcome, r.Steps, r.ToolsUsed, r.Failures, r.Avoid, r.Source, r.RunId, r.Step,
        r.CreatedAt, r.EmbeddingModel, r.Scope);
}
