using System.Text.Json;
using DurableAgents.Api.Http;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Runs;

/// <summary>
/// The runs API, one implementation for both hosts: the self-hosted host maps these to minimal-API routes, the Azure Functions
/// app calls them from HTTP triggers. Each handler validates its input and answers a problem document for what is wrong.
/// </summary>
public static partial class RunHandlers
{
    private const string StartShape =
        "{\"input\": \"the goal\" or {...}, \"runId\": \"optional-id\", \"ifExists\": \"refuse\" (default) or \"replace\", \"user\": \"optional-user-key\"}";

    /// <summary><c>POST /api/agents/{agent}/runs</c>: 202 with the run's management URLs (the Durable Functions shape).</summary>
    public static async Task<Results<Accepted<RunUris>, ProblemHttpResult>> StartAsync(
        string agent, HttpRequest request, AgentRunClient runs, DurableAgentsApiOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        if (runs.Catalog.Find(agent) is null)
        {
            return Problems.NotFound($"No agent named '{agent}' is registered. GET /api/agents lists the agents.");
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<StartRunRequest>(request, options.MaxRequestBodyBytes, StartShape);
        if (problem is not null)
        {
            return problem;
        }

        if (RequestBody.InputText(body!.Input) is not { } goal)
        {
            return Problems.BadRequest($"The body needs an 'input': the goal as a string, or an object. Send: {StartShape}");
        }

        if (string.IsNullOrWhiteSpace(goal))
        {
            return Problems.BadRequest("The 'input' is empty; give the agent a goal.");
        }

        if (body.RunId is { } requested && !RunIds.IsValid(requested, out var idError))
        {
            return Problems.BadRequest(idError);
        }

        if (body.IfExists is not (null or "refuse" or "replace"))
        {
            return Problems.BadRequest($"'ifExists' is '{body.IfExists}'; use \"refuse\" (the default) or \"replace\" (a finished run of the same agent only).");
        }

        if (!UserKeys.IsValid(body.User, out var userError))
        {
            return Problems.BadRequest($"'user' is not usable: {userError}");
        }

        try
        {
            var start = new AgentRunStartOptions { RunId = body.RunId, ReplaceFinished = body.IfExists == "replace", User = body.User };
            var id = await runs.StartRunAsync(agent, goal, start, cancellationToken);
            var uris = RunMapper.Uris(request, id);
            request.HttpContext.Response.Headers.RetryAfter = "2";
            return TypedResults.Accepted(uris.StatusQueryGetUri, uris);
        }
        catch (RunAlreadyExistsException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    /// <summary><c>GET /api/runs/{id}[?showHistory=true]</c>.</summary>
    public static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetAsync(
        string id, HttpRequest request, AgentRunClient runs, DurableAgentsApiOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var showHistory = false;
        if (request.Query["showHistory"].FirstOrDefault() is { } flag && !bool.TryParse(flag, out showHistory))
        {
            return Problems.BadRequest($"showHistory is '{flag}'; use true or false.");
        }

        var run = await runs.GetRunAsync(id, cancellationToken: cancellationToken);
        if (run is null)
        {
            return Problems.RunNotFound(id);
        }

        var history = showHistory
            ? HistoryEntry.From(await runs.Orchestrations.GetOrchestrationHistoryAsync(id, cancellationToken), options.HistoryValueMaxChars)
            : null;
        return TypedResults.Ok(RunMapper.ToResponse(run, history));
    }

    /// <summary><c>GET /api/runs/{id}/history</c>.</summary>
    public static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> HistoryAsync(
        string id, AgentRunClient runs, DurableAgentsApiOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        if (await runs.GetRunAsync(id, includeToolCalls: false, cancellationToken) is null)
        {
            return Problems.RunNotFound(id);
        }

        var history = await runs.Orchestrations.GetOrchestrationHistoryAsync(id, cancellationToken);
        return TypedResults.Ok(HistoryEntry.From(history, options.HistoryValueMaxChars));
    }

    /// <summary>400 for a route id that is not a valid instance id; null for a good one.</summary>
    private static ProblemHttpResult? InvalidId(string id) => RunIds.IsValid(id, out var error) ? null : Problems.BadRequest(error);
}
