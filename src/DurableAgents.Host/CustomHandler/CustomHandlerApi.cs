using System.Net;
using System.Text.Json;
using DurableAgents.Host.Api;
using DurableAgents.Host.Hosting;
using DurableAgents.Host.Security;
using DurableAgents.Orchestration;
using DurableAgents.Orchestration.Client;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.CustomHandler;

/// <summary>The custom-handler invocation endpoints: the Functions host posts non-HTTP triggers to <c>/{functionName}</c>.</summary>
public static class CustomHandlerApi
{
    /// <summary>The queue-triggered function that starts runs (its function.json is in Functions/start-run).</summary>
    public const string StartRunFunction = "start-run";

    /// <summary>Maps <c>POST /start-run</c>.</summary>
    public static IEndpointRouteBuilder MapCustomHandler(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost($"/{StartRunFunction}", StartRunAsync).WithTags("Functions custom handler").WithName("InvokeStartRun");
        return app;
    }

    // Data.message: {"agent": "...", "input": <string or object>, "runId": "..."}. Without a runId the queue message id makes
    // one, so a redelivered message does not start a second run.
    private static async Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> StartRunAsync(
        InvocationRequest invocation, HttpContext http, AgentRunClient runs, IConfiguration configuration,
        IOptions<DurableAgentsHostOptions> options, CancellationToken cancellationToken)
    {
        if (Refusal(http, configuration, options.Value) is { } refused)
        {
            return refused;
        }

        var message = invocation.Data?.Values.FirstOrDefault() is { } raw ? InvocationValues.Unwrap(raw) : default;
        if (message.ValueKind != JsonValueKind.Object)
        {
            return Problems.BadRequest("Data must hold the queue message: {\"agent\": \"...\", \"input\": ..., \"runId\": \"...\"}.");
        }

        var agent = message.TryGetProperty("agent", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
        var goal = message.TryGetProperty("input", out var i) ? (i.ValueKind == JsonValueKind.String ? i.GetString() : i.GetRawText()) : null;
        var runId = message.TryGetProperty("runId", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()
            : InvocationValues.Text(invocation.Metadata, "Id") is { Length: > 0 } queueId ? $"queue-{queueId}" : null;
        if (string.IsNullOrWhiteSpace(goal))
        {
            return Problems.BadRequest("The queue message needs an 'input' (the goal).");
        }

        if (runId is not null && !InstanceIds.IsValid(runId, out var idError))
        {
            return Problems.BadRequest(idError);
        }

        if (runs.Catalog.Find(agent) is null)
        {
            return Problems.BadRequest($"The queue message names agent '{agent}', which is not registered; the message will go to the poison queue.");
        }

        string log;
        if (runId is not null && await runs.Orchestrations.GetInstanceAsync(runId, cancellation: cancellationToken) is not null)
        {
            log = $"Run {runId} already exists; message ignored (redelivery).";
        }
        else
        {
            try
            {
                runId = await runs.StartRunAsync(agent, goal, runId, cancellationToken);
                log = $"Started run {runId} of agent {agent}.";
            }
            catch (OrchestrationAlreadyExistsException)
            {
                log = $"Run {runId} already exists; message ignored (redelivery).";
            }
        }

        return TypedResults.Ok(new InvocationResponse([], [log], runId));
    }

    private static ProblemHttpResult? Refusal(HttpContext http, IConfiguration configuration, DurableAgentsHostOptions options)
    {
        var remote = http.Connection.RemoteIpAddress;
        if (CustomHandlerSettings.IsCustomHandler(configuration))
        {
            // Behind the Functions host only it (on this machine) may invoke functions; it sends no key.
            return remote is null || IPAddress.IsLoopback(remote) ? null : Problems.Forbidden("Function invocations come only from the local Functions host.");
        }

        return ApiKeyFilter.Check(http.Request, options.AllKeys) is { } error ? Problems.Unauthorized(error) : null;
    }
}
