using DurableAgents.Host.Api;
using DurableAgents.Host.Hosting;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Security;

/// <summary>
/// Lets an approval in with a key, or with a signed body (X-Signature-256 + X-Signature-Timestamp) when a webhook secret is set.
/// A request that carries a signature is judged by it alone: bad, stale or replayed gets 401 and changes nothing.
/// </summary>
public sealed class ApprovalAuthFilter(IOptions<DurableAgentsHostOptions> options, ReplayCache replays, TimeProvider time) : IEndpointFilter
{
    private const string BodyKey = "DurableAgents.RawBody";

    /// <summary>The raw body the filter read.</summary>
    public static ReadOnlyMemory<byte> GetBody(HttpContext http) =>
        http?.Items[BodyKey] is byte[] body ? body : ReadOnlyMemory<byte>.Empty;

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var settings = options.Value;
        var body = await ReadBodyAsync(http.Request, settings.MaxRequestBodyBytes);
        if (body is null)
        {
            return TypedResults.Problem($"The body is larger than {settings.MaxRequestBodyBytes} bytes.", statusCode: 413, title: "The request body is too large.");
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
        var invalid = WebhookSignature.Verify(settings.WebhookSecret, body, signature, timestamp, time.GetUtcNow(), settings.WebhookTolerance);
        if (invalid is not null)
        {
            return Problems.Unauthorized(invalid);
        }

        if (!replays.TryAdd(signature + "|" + timestamp + "|" + http.Request.Path))
        {
            return Problems.Unauthorized("This signed request was already received; a webhook is accepted once.");
        }

        return await next(context);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
