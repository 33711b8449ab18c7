using System.Text.Json;
using DurableAgents.Api.Http;
using DurableAgents.Durability;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Api.Runs;

/// <summary>Commands on a run: events, terminate, suspend, resume, purge.</summary>
public static partial class RunHandlers
{
    /// <summary><c>POST /api/runs/{id}/events/{name}</c>: raises an event with the JSON body as its payload (approvals are refused here).</summary>
    public static async Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> RaiseEventAsync(
        string id, string name, HttpRequest request, AgentRunClient runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runs);
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        if (name.Length is 0 or > 128 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return Problems.BadRequest($"Event name '{name}' is not valid: use 1 to 128 letters, digits, '-', '_' or '.'.");
        }

        if (string.Equals(name, AgentRunNames.ApprovalEvent, StringComparison.OrdinalIgnoreCase))
        {
            // A raw approval event would skip the checks (call ids, replays, who decided) and, malformed, fail the run.
            return Problems.BadRequest($"Send approvals to POST /api/runs/{id}/approval, not as a raw '{name}' event.");
        }

        JsonElement? payload = null;
        if (request.ContentLength is not 0)
        {
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                payload = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return Problems.BadRequest("The event body is not valid JSON.");
            }
        }

        var run = await runs.GetRunAsync(id, includeToolCalls: false, cancellationToken);
        if (run is null)
        {
            return Problems.RunNotFound(id);
        }

        if (run.RuntimeStatus.IsTerminal())
        {
            return Problems.Conflict($"Run '{id}' is {run.RuntimeStatus}; it takes no more events.");
        }

        await runs.Orchestrations.RaiseEventAsync(id, name, payload, cancellationToken);
        return TypedResults.Accepted((string?)null, new CommandAccepted(id, "event-raised"));
    }

    /// <summary><c>POST /api/runs/{id}/terminate[?reason=]</c>.</summary>
    public static Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> TerminateAsync(
        string id, HttpRequest request, AgentRunClient runs, CancellationToken cancellationToken) =>
        CommandAsync(id, runs, s => !s.IsTerminal(), "is already finished", "terminating",
            () => runs.Orchestrations.TerminateInstanceAsync(id, (object?)(Reason(request) ?? "Terminated over the HTTP API."), cancellationToken), cancellationToken);

    /// <summary><c>POST /api/runs/{id}/suspend[?reason=]</c>.</summary>
    public static Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> SuspendAsync(
        string id, HttpRequest request, AgentRunClient runs, CancellationToken cancellationToken) =>
        CommandAsync(id, runs, s => s is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending, "is not running", "suspending",
            () => runs.Orchestrations.SuspendInstanceAsync(id, Reason(request), cancellationToken), cancellationToken);

    /// <summary><c>POST /api/runs/{id}/resume[?reason=]</c>.</summary>
    public static Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> ResumeAsync(
        string id, HttpRequest request, AgentRunClient runs, CancellationToken cancellationToken) =>
        CommandAsync(id, runs, s => s == OrchestrationRuntimeStatus.Suspended, "is not suspended", "resuming",
            () => runs.Orchestrations.ResumeInstanceAsync(id, Reason(request), cancellationToken), cancellationToken);

    private static string? Reason(HttpRequest request) => request?.Query["reason"].FirstOrDefault();

    /// <summary><c>DELETE /api/runs/{id}</c>: deletes a finished run.</summary>
    public static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeAsync(
        string id, AgentRunClient runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var run = await runs.GetRunAsync(id, includeToolCalls: false, cancellationToken);
        if (run is null)
        {
            return Problems.RunNotFound(id);
        }

        if (!run.RuntimeStatus.IsTerminal())
        {
            return Problems.Conflict($"Run '{id}' is {run.RuntimeStatus}; only finished runs can be deleted. Terminate it first.");
        }

        var purged = await runs.Orchestrations.PurgeInstanceAsync(id, cancellation: cancellationToken);
        return TypedResults.Ok(new PurgeResponse(purged.PurgedInstanceCount));
    }

    private static async Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> CommandAsync(
        string id, AgentRunClient runs, Func<OrchestrationRuntimeStatus, bool> allowed, string refusal, string status,
        Func<Task> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var run = await runs.GetRunAsync(id, includeToolCalls: false, cancellationToken);
        if (run is null)
        {
            return Problems.RunNotFound(id);
        }

        if (!allowed(run.RuntimeStatus))
        {
            return Problems.Conflict($"Run '{id}' {refusal} (it is {run.RuntimeStatus}).");
        }

        await command();
        return TypedResults.Accepted((string?)null, new CommandAccepted(id, status));
    }
}

/// <summary>The answer to a purge.</summary>
/// <param name="InstancesDeleted">1 when the run was deleted.</param>
public sealed record PurgeResponse(int InstancesDeleted);
