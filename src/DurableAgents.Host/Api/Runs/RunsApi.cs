using System.Globalization;
using System.Text.Json;
using DurableAgents.Host.Api.Audit;
using DurableAgents.Host.Hosting;
using DurableAgents.Host.Security;
using DurableAgents.Durability;
using Microsoft.DurableTask.Client;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Api.Runs;

/// <summary>The runs API: start, read, list, history, and the run commands.</summary>
public static partial class RunsApi
{
    /// <summary>Maps <c>POST /api/agents/{agent}/runs</c> and <c>/api/runs/...</c>.</summary>
    public static IEndpointRouteBuilder MapRunsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/agents").WithTags("Runs").AddEndpointFilter<ApiKeyFilter>()
            .MapPost("/{agent}/runs", StartAsync).WithName("StartRun");

        var runs = app.MapGroup("/api/runs").WithTags("Runs").AddEndpointFilter<RunIdFilter>();
        var managed = runs.MapGroup("").AddEndpointFilter<ApiKeyFilter>();
        managed.MapGet("", ListAsync).WithName("ListRuns");
        managed.MapGet("/{id}", GetAsync).WithName("GetRun");
        managed.MapGet("/{id}/history", HistoryAsync).WithName("GetRunHistory");
        managed.MapPost("/{id}/events/{name}", RaiseEventAsync).WithName("RaiseRunEvent");
        managed.MapPost("/{id}/terminate", TerminateAsync).WithName("TerminateRun");
        managed.MapPost("/{id}/suspend", SuspendAsync).WithName("SuspendRun");
        managed.MapPost("/{id}/resume", ResumeAsync).WithName("ResumeRun");
        managed.MapDelete("/{id}", PurgeAsync).WithName("PurgeRun");

        // Approval takes a key or a signed webhook body, so it reads the raw body itself.
        runs.MapPost("/{id}/approval", ApproveAsync).WithName("ApproveRun")
            .Accepts<ApprovalRequest>("application/json")
            .AddEndpointFilter<ApprovalAuthFilter>();
        app.MapAuditApi();
        return app;
    }

    private const string StartShape = "{\"input\": \"the goal\" or {...}, \"runId\": \"optional-id\", \"ifExists\": \"refuse\" (default) or \"replace\"}";

    private static async Task<Results<Accepted<RunUris>, ProblemHttpResult>> StartAsync(
        string agent, AgentRunClient runs, HttpContext http, IOptions<DurableAgentsHostOptions> options, CancellationToken cancellationToken)
    {
        if (runs.Catalog.Find(agent) is null)
        {
            return Problems.NotFound($"No agent named '{agent}' is registered. GET /api/agents lists the agents.");
        }

        var (body, problem) = await RequestBody.ReadJsonAsync<StartRunRequest>(http.Request, options.Value.MaxRequestBodyBytes, StartShape);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Input is not { } input || input.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            return Problems.BadRequest($"The body needs an 'input': the goal as a string, or an object. Send: {StartShape}");
        }

        var goal = input.ValueKind == JsonValueKind.String ? input.GetString()! : input.GetRawText();
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

        try
        {
            var id = await runs.StartRunAsync(agent, goal, body.RunId, replaceFinished: body.IfExists == "replace", cancellationToken);
            var uris = RunMapper.Uris(http.Request, id);
            http.Response.Headers.RetryAfter = "2";
            return TypedResults.Accepted(uris.StatusQueryGetUri, uris);
        }
        catch (RunAlreadyExistsException e)
        {
            return Problems.Conflict(e.Message);
        }
    }

    private static async Task<Results<Ok<RunResponse>, ProblemHttpResult>> GetAsync(
        string id, AgentRunClient runs, IOptions<DurableAgentsHostOptions> options, CancellationToken cancellationToken, bool showHistory = false)
    {
        var run = await runs.GetRunAsync(id, cancellationToken: cancellationToken);
        if (run is null)
        {
            return Problems.RunNotFound(id);
        }

        var history = showHistory
            ? HistoryEntry.From(await runs.Orchestrations.GetOrchestrationHistoryAsync(id, cancellationToken), options.Value.HistoryValueMaxChars)
            : null;
        return TypedResults.Ok(RunMapper.ToResponse(run, history));
    }

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult>> HistoryAsync(
        string id, AgentRunClient runs, IOptions<DurableAgentsHostOptions> options, CancellationToken cancellationToken)
    {
        if (await runs.GetRunAsync(id, includeToolCalls: false, cancellationToken) is null)
        {
            return Problems.RunNotFound(id);
        }

        var history = await runs.Orchestrations.GetOrchestrationHistoryAsync(id, cancellationToken);
        return TypedResults.Ok(HistoryEntry.From(history, options.Value.HistoryValueMaxChars));
    }

    private static async Task<Results<Ok<RunListResponse>, ProblemHttpResult>> ListAsync(
        AgentRunClient runs,
        HttpResponse response,
        CancellationToken cancellationToken,
        string? runtimeStatus = null,
        string? agent = null,
        string? createdFrom = null,
        string? top = null,
        string? continuationToken = null)
    {
        var pageSize = 50;
        if (top is not null && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > 1000))
        {
            return Problems.BadRequest($"top is '{top}'; use a whole number from 1 to 1000.");
        }

        DateTime? from = null;
        if (createdFrom is not null)
        {
            if (!DateTimeOffset.TryParse(createdFrom, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.BadRequest($"createdFrom '{createdFrom}' is not a date; use ISO 8601, for example 2026-12-01T09:00:00Z.");
            }

            from = parsed.UtcDateTime;
        }

        var statuses = new List<OrchestrationRuntimeStatus>();
        foreach (var part in (runtimeStatus ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<OrchestrationRuntimeStatus>(part, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(part, out _))
            {
                return Problems.BadRequest($"runtimeStatus '{part}' is not known; use Pending, Running, Completed, Failed, Terminated or Suspended (comma-separated).");
            }

            statuses.Add(status);
        }

        // The SDK's query has no name filter: the page is read whole and what is not an agent run (schedules, receipts) is
        // skipped, so a page can hold fewer than `top` runs; the continuation token still leads to the next one.
        var query = new OrchestrationQuery
        {
            Statuses = statuses,
            CreatedFrom = from is { } f ? new DateTimeOffset(f, TimeSpan.Zero) : null,
            PageSize = pageSize,
            ContinuationToken = continuationToken,
            FetchInputsAndOutputs = false,
        };
        var page = await FirstPageAsync(runs.Orchestrations, query, cancellationToken);
        var items = new List<RunResponse>();
        foreach (var instance in page.Values)
        {
            if (await runs.GetRunAsync(instance.InstanceId, includeToolCalls: false, cancellationToken) is { } run
                && (agent is null || string.Equals(run.Agent, agent, StringComparison.OrdinalIgnoreCase)))
            {
                items.Add(RunMapper.ToResponse(run));
            }
        }

        if (page.ContinuationToken is { } next)
        {
            response.Headers["x-ms-continuation-token"] = next;
        }

        return TypedResults.Ok(new RunListResponse(items, page.ContinuationToken));
    }

    private static async Task<Microsoft.DurableTask.Page<OrchestrationMetadata>> FirstPageAsync(
        DurableTaskClient client, OrchestrationQuery query, CancellationToken cancellationToken)
    {
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, query.PageSize).WithCancellation(cancellationToken))
        {
            return page;
        }

        return new Microsoft.DurableTask.Page<OrchestrationMetadata>([], null);
    }
}
