using DurableAgents.Host.Triggers.Queue;
using System.Net;
using System.Text.Json;
using DurableAgents.Host.Api;
using DurableAgents.Host.Hosting;
using DurableAgents.Host.Security;
using DurableAgents.Durability;
using Microsoft.DurableTask.Client;
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

    // Data holds the queue message ({"agent": "...", "input": <string or object>, "runId": "..."}); the same handler as the host's own
    // queue poller decides. A failure answer makes the Functions host deliver the message again, and after maxDequeueCount it moves
    // the message to the poison queue itself.
    private static async Task<Results<Ok<InvocationResponse>, ProblemHttpResult>> StartRunAsync(
        InvocationRequest invocation, HttpContext http, QueueRunStarter starter, IConfiguration configuration,
        IOptions<DurableAgentsHostOptions> options, IOptions<QueueTriggerOptions> queueOptions, CancellationToken cancellationToken)
    {
        if (Refusal(http, configuration, options.Value) is { } refused)
        {
            return refused;
        }

        var message = invocation.Data?.Values.FirstOrDefault() is { } raw ? InvocationValues.Unwrap(raw) : default;
        var text = message.ValueKind switch
        {
            JsonValueKind.String => message.GetString()!,
            JsonValueKind.Object => message.GetRawText(),
            _ => null,
        };
        if (text is null)
        {
            return Problems.BadRequest("Data must hold the queue message: {\"agent\": \"...\", \"input\": ..., \"runId\": \"...\"}.");
        }

        var messageId = InvocationValues.Text(invocation.Metadata, "Id") ?? Guid.NewGuid().ToString("N");
        var dequeueCount = long.TryParse(InvocationValues.Text(invocation.Metadata, "DequeueCount"), out var n) ? n : 1;
        var outcome = await starter.HandleAsync(text, messageId, dequeueCount, queueOptions.Value.MaxDequeueCount, cancellationToken);
        return outcome.Kind switch
        {
            QueueMessageOutcomeKind.Done => TypedResults.Ok(new InvocationResponse([], [outcome.Reason!], outcome.RunId)),
            QueueMessageOutcomeKind.Poison => Problems.BadRequest($"{outcome.Reason} The message will go to the poison queue."),
            _ => TypedResults.Problem(outcome.Reason, statusCode: StatusCodes.Status503ServiceUnavailable),
        };
    }

    internal static ProblemHttpResult? Refusal(HttpContext http, IConfiguration configuration, DurableAgentsHostOptions options)
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
