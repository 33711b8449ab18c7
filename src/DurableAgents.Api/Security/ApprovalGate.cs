using DurableAgents.Api.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Api.Security;

/// <summary>What <see cref="ApprovalGate"/> decided about an approval request.</summary>
/// <param name="Body">The raw body it read (empty when refused).</param>
/// <param name="SignatureId">The id of the request's valid signature; null when it came in with a key.</param>
/// <param name="Problem">Why it is refused; null when it may proceed.</param>
public sealed record ApprovalAdmission(ReadOnlyMemory<byte> Body, string? SignatureId, ProblemHttpResult? Problem);

/// <summary>
/// Lets an approval in with a key, or with a signed request (X-Signature-256 + X-Signature-Timestamp, see
/// <see cref="WebhookSignature"/>) when a webhook secret is set. A request that carries a signature is judged by it alone: bad,
/// stale or replayed gets 401 and changes nothing. Replays are caught here on this process at once, and by the run's own record
/// of the signatures it applied (<see cref="DurableAgents.Runs.ApprovalRecord.SignatureId"/>) across restarts and hosts.
/// </summary>
/// <param name="options">The API settings (keys, secret, tolerance, body limit).</param>
/// <param name="replays">Signatures seen recently.</param>
/// <param name="time">The clock the timestamp is checked against.</param>
/// <param name="keyRequired">
/// True when an unsigned approval needs a configured key even if none is configured (Azure Functions, where the route is
/// anonymous to the internet); false where a host without keys serves loopback only (the self-hosted host).
/// </param>
public sealed class ApprovalGate(DurableAgentsApiOptions options, ReplayCache replays, TimeProvider time, bool keyRequired)
{
    /// <summary>Reads the body and checks the request's key or signature.</summary>
    public async Task<ApprovalAdmission> AdmitAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBody.ReadAsync(request, options.MaxRequestBodyBytes);
        if (body is null)
        {
            return Refused(RequestBody.TooLarge(options.MaxRequestBodyBytes));
        }

        var signature = request.Headers[WebhookSignature.SignatureHeader].FirstOrDefault();
        if (signature is null)
        {
            var keys = options.AllKeys;
            var error = keyRequired && keys.Count == 0
                ? "This endpoint takes a signed webhook (X-Signature-256, with DurableAgents:WebhookSecret set) or a key from DurableAgents:ApiKeys, and no key is configured."
                : ApiKeys.Check(request, keys);
            return error is null
                ? new ApprovalAdmission(body, null, null)
                : Refused(Problems.Unauthorized(error + " Or sign the body (X-Signature-256) when a webhook secret is configured."));
        }

        if (string.IsNullOrEmpty(options.WebhookSecret))
        {
            return Refused(Problems.Unauthorized("Signed webhooks are not configured on this host (set DurableAgents:WebhookSecret); use a key instead."));
        }

        var timestamp = request.Headers[WebhookSignature.TimestampHeader].FirstOrDefault();
        var path = (request.PathBase + request.Path).ToUriComponent();
        var invalid = WebhookSignature.Verify(
            options.WebhookSecret, request.Method, path, body, signature, timestamp, time.GetUtcNow(), options.WebhookTolerance);
        if (invalid is not null)
        {
            return Refused(Problems.Unauthorized(invalid));
        }

        var signatureId = WebhookSignature.IdOf(signature);
        return replays.TryAdd(signatureId)
            ? new ApprovalAdmission(body, signatureId, null)
            : Refused(Problems.Unauthorized("This signed request was already received; a signed webhook is accepted once. Sign a new request with a fresh timestamp."));
    }

    private static ApprovalAdmission Refused(ProblemHttpResult problem) => new(ReadOnlyMemory<byte>.Empty, null, problem);
}
