using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DurableAgents.Models;

/// <summary>Turns failures of the OpenAI package into <see cref="ModelCallException"/>s a durable retry policy can act on.</summary>
internal sealed partial class OpenAIErrorMapper(Uri endpoint, string model, string? apiKey, TimeProvider timeProvider)
{
    public ModelCallException FromClientResult(ClientResultException ex)
    {
        var response = ex.GetRawResponse();
        var status = response?.Status ?? ex.Status;
        if (status == 0)
        {
            // No HTTP response at all: the connection failed.
            return FromTransport(ex.InnerException ?? ex);
        }

        var (serverMessage, errorCode) = ReadErrorBody(response);
        var retryAfter = response is null ? null : ReadRetryAfter(response.Headers, timeProvider.GetUtcNow());
        var detail = string.IsNullOrEmpty(serverMessage) ? string.Empty : $" The server said: {serverMessage}";
        var (transient, advice) = Classify(status, errorCode);
        if (response is not null && response.Headers.TryGetValue("x-should-retry", out var shouldRetry)
            && bool.TryParse(shouldRetry, out var serverSaysRetry))
        {
            transient = serverSaysRetry;
        }

        var message = $"The model endpoint {endpoint} answered {status} for model '{model}'. {advice}{detail}";
        // The package's message embeds the response body; a server that echoes the key must not leak it via ToString().
        var inner = Redact(ex.Message) == ex.Message ? ex : null;
        return new ModelCallException(Redact(message), transient, status, errorCode, retryAfter, inner);
    }

    public ModelCallException FromTransport(Exception ex) => new(
        Redact($"Could not reach the model endpoint {endpoint}: {ex.Message} Check that the server is running and OPENAI_BASE_URL is right; the call can be retried."),
        isTransient: true,
        errorCode: ex is HttpRequestException { InnerException: SocketException } or SocketException ? "connection_failed" : "network_error",
        innerException: ex);

    public ModelCallException Timeout(TimeSpan timeout, Exception ex) => new(
        $"The model endpoint {endpoint} did not answer within the network timeout of {timeout.TotalSeconds:0.###} s (model '{model}'). The call can be retried; raise NetworkTimeout for slow models.",
        isTransient: true,
        errorCode: "timeout",
        innerException: ex);

    public ModelCallException UnreadableResponse(Exception ex) => new(
        Redact($"The model endpoint {endpoint} returned a response that is not a chat completion ({ex.GetType().Name}: {ex.Message}). Check that OPENAI_BASE_URL points at an OpenAI-compatible API root."),
        isTransient: false,
        errorCode: "invalid_response",
        innerException: ex);

    private (bool Transient, string Advice) Classify(int status, string? errorCode) => status switch
    {
        400 => (false, "The request was rejected as invalid; check the options and tools you send are supported by this model and server."),
        401 => (false, "The API key was rejected; check OPENAI_API_KEY (and, for Azure or a local server, OPENAI_BASE_URL)."),
        403 => (false, $"Access was denied; check that the API key's project or resource may use model '{model}'."),
        404 => (false, $"The model or path was not found; check OPENAI_MODEL ('{model}', the deployment name on Azure) and that OPENAI_BASE_URL is the API root such as https://api.openai.com/v1/."),
        429 when errorCode == "insufficient_quota" => (false, "The account's quota is exhausted; check billing and limits for this API key."),
        429 => (true, "Rate limited; retry after the indicated delay."),
        408 or 409 => (true, "The request timed out or conflicted on the server; it can be retried."),
        >= 500 => (true, "The server failed; the call can be retried."),
        _ => (false, "The request failed."),
    };

    private static (string? Message, string? Code) ReadErrorBody(PipelineResponse? response)
    {
        try
        {
            var content = response?.Content;
            if (content is null || content.ToMemory().IsEmpty)
            {
                return (null, null);
            }

            using var document = JsonDocument.Parse(content.ToMemory());
            var root = document.RootElement;
            var error = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) ? e : root;
            if (error.ValueKind == JsonValueKind.String)
            {
                return (error.GetString(), null);
            }

            if (error.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            string? code = null;
            if (error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String)
            {
                code = c.GetString();
            }
            else if (error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String)
            {
                code = t.GetString();
            }

            return (message, code);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (null, null);
        }
    }

    /// <summary>Reads retry-after-ms (OpenAI, Azure) first, then Retry-After as seconds or an HTTP date.</summary>
    internal static TimeSpan? ReadRetryAfter(PipelineResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValue("retry-after-ms", out var ms)
            && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds)
            && milliseconds >= 0)
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return headers.TryGetValue("Retry-After", out var value) ? ParseRetryAfter(value, now) : null;
    }

    internal static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (DateTimeOffset.TryParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary>Removes the configured key and anything that looks like an OpenAI key (servers echo masked keys in 401s).</summary>
    internal string Redact(string text)
    {
        if (!string.IsNullOrEmpty(apiKey) && apiKey.Length >= 4)
        {
            text = text.Replace(apiKey, "[redacted]", StringComparison.Ordinal);
        }

        return KeyPattern().Replace(text, "sk-[redacted]");
    }

    [GeneratedRegex(@"sk-[A-Za-z0-9_\-\*]{3,}")]
    private static partial Regex KeyPattern();
}
