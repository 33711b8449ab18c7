using System.ClientModel;
using System.Net.Sockets;
using System.Text.Json;

namespace DurableAgents.Models;

/// <summary>Builds the <see cref="ModelCallException"/> for one failure of a model call.</summary>
internal sealed partial class ModelErrorMapper(Uri? endpoint, string model, ModelErrorsOptions options)
{
    private string Endpoint => endpoint?.ToString() ?? "(unknown endpoint)";

    /// <summary>The mapped exception, or null when <paramref name="exception"/> is not a failure of the call to the model.</summary>
    public ModelCallException? Map(Exception exception) => exception switch
    {
        ClientResultException result => FromClientResult(result),
        OperationCanceledException => Timeout(exception), // not the caller's token: the pipeline's network timeout fired
        HttpRequestException or IOException or SocketException or TimeoutException => FromTransport(exception),
        JsonException or FormatException or ArgumentOutOfRangeException or InvalidOperationException or KeyNotFoundException
            => UnreadableResponse(exception), // for example a body without choices from a loosely compatible server
        _ => null,
    };

    private ModelCallException FromClientResult(ClientResultException ex)
    {
        var response = ex.GetRawResponse();
        var status = response?.Status ?? ex.Status;
        if (status == 0)
        {
            // No HTTP response at all: the connection failed.
            return FromTransport(ex.InnerException ?? ex);
        }

        var (serverMessage, errorCode) = ReadErrorBody(response);
        var retryAfter = response is null ? null : ReadRetryAfter(response.Headers, options.TimeProvider.GetUtcNow());
        var detail = string.IsNullOrEmpty(serverMessage) ? string.Empty : $" The server said: {serverMessage}";
        var (transient, advice) = Classify(status, errorCode);
        if (response is not null && response.Headers.TryGetValue("x-should-retry", out var shouldRetry)
            && bool.TryParse(shouldRetry, out var serverSaysRetry))
        {
            transient = serverSaysRetry;
        }

        var message = $"The model endpoint {Endpoint} answered {status} for model '{model}'. {advice}{detail}";
        // The package's message embeds the response body; a server that echoes the key must not leak it via ToString().
        var inner = Redact(ex.Message) == ex.Message ? ex : null;
        return new ModelCallException(Redact(message), transient, status, errorCode, retryAfter, inner);
    }

    private ModelCallException FromTransport(Exception ex) => new(
        Redact($"Could not reach the model endpoint {Endpoint}: {ex.Message} Check that the server is running and OPENAI_BASE_URL is right; the call can be retried."),
        isTransient: true,
        errorCode: ex is HttpRequestException { InnerException: SocketException } or SocketException ? "connection_failed" : "network_error",
        innerException: Redact(ex.ToString()) == ex.ToString() ? ex : null);

    private ModelCallException Timeout(Exception ex)
    {
        var after = options.NetworkTimeout is { } t ? $" within the network timeout of {t.TotalSeconds:0.###} s" : " in time";
        return new ModelCallException(
            $"The model endpoint {Endpoint} did not answer{after} (model '{model}'). The call can be retried; raise NetworkTimeout for slow models.",
            isTransient: true,
            errorCode: "timeout",
            innerException: ex);
    }

    private ModelCallException UnreadableResponse(Exception ex) => new(
        Redact($"The model endpoint {Endpoint} returned a response that is not a chat completion ({ex.GetType().Name}: {ex.Message}). Check that OPENAI_BASE_URL points at an OpenAI-compatible API root."),
        isTransient: false,
        errorCode: "invalid_response",
        innerException: Redact(ex.ToString()) == ex.ToString() ? ex : null);

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
}
