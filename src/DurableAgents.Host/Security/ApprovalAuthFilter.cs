using DurableAgents.Host.Api;
using DurableAgents.Host.Hosting;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Security;

/// <summary>
/// Lets an approval in with a key, or with a signed request (X-Signature-256 + X-Signature-Timestamp, see
/// <see cref="WebhookSignature"/>) when a webhook secret is set. A request that carries a signature is judged by it alone: bad,
/// stale or replayed gets 401 and changes nothing. Replays are caught here on this host at once, and by the run's own record of
/// the signatures it applied (<see cref="Runs.ApprovalRecord.SignatureId"/>) across restarts and hosts.
/// </summary>
public sealed class ApprovalAuthFilter(IOptions<DurableAgentsHostOptions> options, ReplayCache replays, TimeProvider time) : IEndpointFilter
{
    private const string BodyKey = "DurableAgents.RawBody";
    private const string SignatureIdKey = "DurableAgents.SignatureId";

    /// <summary>The raw body the filter read.</summary>
    public static ReadOnlyMemory<byte> GetBody(HttpContext http) =>
        http?.Items[BodyKey] is byte[] body ? body : ReadOnlyMemory<byte>.Empty;

    /// <summary>The id of the request's valid signature, or null when it came in with a key.</summary>
    public static string? GetSignatureId(HttpContext http) => http?.Items[SignatureIdKey] as string;

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var settings = options.Value;
        var body = await RequestBody.ReadAsync(http.Request, settings.MaxRequestBodyBytes);
        if (body is null)
        {
            return RequestBody.TooLarge(settings.MaxRequestBodyBytes);
        }

        http.Items[BodyKey] = body;
        var signature = http.Request.Headers[WebhookSignature.SignatureHeader].FirstOrDefault();
        if (signature is null)
        {
            var error = ApiKeyFilter.Check(http.Request, settings.AllKeys);
            return error is null ? await next(context) : Problems.Unauthorized(error + " Or sign the body (X-Signature-256) when a webhook secret is configured.");
        }

        if (string.IsNullOrEmpty(settings.WebhookSecret))
        {
            return Problems.Unauthorized("Signed webhooks are not configured on this host (set DurableAgents:WebhookSecret); use a key instead.");
        }

        var timestamp = http.Request.Headers[WebhookSignature.TimestampHeader].FirstOrDefault();
        var path = (http.Request.PathBase + http.Request.Path).ToUriComponent();
        var invalid = WebhookSignature.Verify(
            settings.WebhookSecret, http.Request.Method, path, body, signature, timestamp, time.GetUtcNow(), settings.WebhookTolerance);
        if (invalid is not null)
        {
            return Problems.Unauthorized(invalid);
        }

        var signatureId = WebhookSignature.IdOf(signature);
        if (!replays.TryAdd(signatureId))
        {
            return Problems.Unauthorized("This signed request was already received; a signed webhook is accepted once. Sign a new request with a fresh timestamp.");
        }

        http.Items[SignatureIdKey] = signatureId;
        return await next(context);
    }
}
