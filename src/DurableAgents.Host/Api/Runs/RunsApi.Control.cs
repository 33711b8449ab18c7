using System.Text.Json;
using DurableAgents.Host.Security;
using DurableAgents.Durability;
using Microsoft.DurableTask.Client;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Host.Api.Runs;

/// <summary>Commands on a run: approval, events, terminate, suspend, resume, purge.</summary>
public static partial class RunsApi
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static async Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> ApproveAsync(
        string id, HttpContext http, AgentRunClient runs, CancellationToken cancellationToken)
    {
        var body = ApprovalAuthFilter.GetBody(http);
        ApprovalRequest? request;
        try
        {
            request = body.Length == 0 ? null : JsonSerializer.Deserialize<ApprovalRequest>(body.Span, Web);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("The body is not valid JSON. " + ApprovalShape);
        }

        if (request?.Approved is not { } approved)
        {
            return Problems.BadRequest("The body needs \"approved\": true or false. " + ApprovalShape);
        }

        var deliveryId = http.Request.Headers[WebhookSignature.DeliveryIdHeader].FirstOrDefault();
        if (deliveryId is { Length: 0 or > 200 })
        {
            return Problems.BadRequest($"The {WebhookSignature.DeliveryIdHeader} header must be 1 to 200 characters.");
        }

        var decision = new ApprovalDecision(approved, request.CallIds, request.Approver, request.Comment)
        {
            Corrections = request.Corrections,
            DeliveryId = deliveryId,
            SignatureId = ApprovalAuthFilter.GetSignatureId(http),
        };
        var outcome = await runs.SubmitApprovalAsync(id, decision, cancellationToken);
        return outcome.Status switch
        {
            ApprovalSubmitStatus.Applied => Accepted(id, "applied", outcome),
            ApprovalSubmitStatus.Delivered => Accepted(id, "delivered", outcome),
            ApprovalSubmitStatus.AlreadyDelivered => Accepted(id, "already-delivered", outcome),
            ApprovalSubmitStatus.Replayed => Problems.Unauthorized(outcome.Detail),
            ApprovalSubmitStatus.UnknownCalls => Problems.BadRequest(outcome.Detail),
            ApprovalSubmitStatus.RunNotFound => Problems.RunNotFound(id),
            _ => Problems.Conflict(outcome.Detail), // Superseded, NotAwaitingApproval
        };
    }

    private const string ApprovalShape = "Send {\"approved\": true|false, \"callIds\": [...], \"approver\": \"...\", \"comment\": \"...\", \"corrections\": \"... (reviews only)\"}.";

    private static Accepted<CommandAccepted> Accepted(string id, string status, ApprovalSubmission outcome) =>
        TypedResults.Accepted((string?)null, new CommandAccepted(id, status) { Detail = outcome.Detail, Decision = outcome.Record });

    private static async Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> RaiseEventAsync(
        string id, string name, HttpRequest request, AgentRunClient runs, CancellationToken cancellationToken)
    {
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

    private static Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> TerminateAsync(
        string id, AgentRunClient runs, CancellationToken cancellationToken, string? reason = null) =>
        CommandAsync(id, runs, s => !s.IsTerminal(), "is already finished", "terminating",
            () => runs.Orchestrations.TerminateInstanceAsync(id, (object?)(reason ?? "Terminated over the HTTP API."), cancellationToken), cancellationToken);

    private static Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> SuspendAsync(
        string id, AgentRunClient runs, CancellationToken cancellationToken, string? reason = null) =>
        CommandAsync(id, runs, s => s is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending, "is not running", "suspending",
            () => runs.Orchestrations.SuspendInstanceAsync(id, reason, cancellationToken), cancellationToken);

    private static Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> ResumeAsync(
        string id, AgentRunClient runs, CancellationToken cancellationToken, string? reason = null) =>
        CommandAsync(id, runs, s => s == OrchestrationRuntimeStatus.Suspended, "is not suspended", "resuming",
            () => runs.Orchestrations.ResumeInstanceAsync(id, reason, cancellationToken), cancellationToken);

    private static async Task<Results<Ok<PurgeResponse>, ProblemHttpResult>> PurgeAsync(
        string id, AgentRunClient runs, CancellationToken cancellationToken)
    {
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
