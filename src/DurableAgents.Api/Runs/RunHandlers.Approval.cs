using System.Text.Json;
using DurableAgents.Api.Http;
using DurableAgents.Api.Security;
using DurableAgents.Runs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Runs;

/// <summary>Approvals: the gate (key or signed webhook), the body, and what the run made of the decision.</summary>
public static partial class RunHandlers
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary><c>POST /api/runs/{id}/approval</c>: a key or a signed webhook (see <see cref="ApprovalGate"/>), then the decision.</summary>
    public static async Task<Results<Accepted<CommandAccepted>, ProblemHttpResult>> ApproveAsync(
        string id, HttpRequest request, AgentRunClient runs, ApprovalGate gate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(gate);
        if (InvalidId(id) is { } invalid)
        {
            return invalid;
        }

        var admission = await gate.AdmitAsync(request);
        if (admission.Problem is { } refused)
        {
            return refused;
        }

        ApprovalRequest? body;
        try
        {
            body = admission.Body.Length == 0 ? null : JsonSerializer.Deserialize<ApprovalRequest>(admission.Body.Span, Web);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("The body is not valid JSON. " + ApprovalShape);
        }

        if (body?.Approved is not { } approved)
        {
            return Problems.BadRequest("The body needs \"approved\": true or false. " + ApprovalShape);
        }

        var deliveryId = request.Headers[WebhookSignature.DeliveryIdHeader].FirstOrDefault();
        if (deliveryId is { Length: 0 or > 200 })
        {
            return Problems.BadRequest($"The {WebhookSignature.DeliveryIdHeader} header must be 1 to 200 characters.");
        }

        var decision = new ApprovalDecision(approved, body.CallIds, body.Approver, body.Comment)
        {
            Corrections = body.Corrections,
            DeliveryId = deliveryId,
            SignatureId = admission.SignatureId,
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
}
