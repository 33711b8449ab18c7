using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableAgents.Orchestration.AzureStorage.Storage;

/// <summary>Sends storage REST requests through an Azure.Core pipeline and maps failures to <see cref="StorageRequestException"/>.</summary>
internal sealed class StoragePipeline
{
    /// <summary>The Blob and Queue REST API version sent on every request (accepted by Azure and Azurite 3.x).</summary>
    public const string ServiceVersion = "2021-08-06";

    /// <summary>The Table REST API version (the Table service's newest; it rejects the Blob and Queue versions after it).</summary>
    public const string TableServiceVersion = "2019-02-02";

    private readonly HttpPipeline _pipeline;
    private readonly string _version;

    public StoragePipeline(HttpPipeline pipeline, string version = ServiceVersion)
    {
        _pipeline = pipeline;
        _version = version;
    }

    /// <summary>Creates a message for <paramref name="method"/> on <paramref name="uri"/> with the version header set.</summary>
    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("x-ms-version", _version);
        return message;
    }

    /// <summary>Sends the message; returns when the status is one of <paramref name="expected"/>, otherwise throws.</summary>
    /// <remarks>The caller owns (and disposes) the message and with it the response.</remarks>
    public async Task<Response> SendAsync(HttpMessage message, CancellationToken cancellationToken, params int[] expected)
    {
        try
        {
            await _pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsTransportFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            // Azure.Core throws RequestFailedException (status 0) without retries, or an AggregateException of them
            // once its retries are exhausted.
            var last = ex is AggregateException aggregate ? aggregate.InnerExceptions[^1] : ex;
            throw new StorageRequestException(0, StorageErrorCodes.TransportFailure,
                $"Azure Storage request {Describe(message.Request)} got no response after all retries ({last.Message}). " +
                "Check that the storage endpoint is reachable (for Azurite: that it is running).", ex);
        }

        var response = message.Response;
        if (Array.IndexOf(expected, response.Status) >= 0)
        {
            return response;
        }

        throw CreateException(message.Request, response);
    }

    private static bool IsTransportFailure(Exception ex) => ex switch
    {
        RequestFailedException { Status: 0 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsTransportFailure),
        System.IO.IOException => true,
        _ => false,
    };

    internal static StorageRequestException CreateException(Request request, Response response)
    {
        response.Headers.TryGetValue("x-ms-error-code", out var code);
        string? serviceMessage = null;
        var body = response.Content?.ToMemory() ?? ReadOnlyMemory<byte>.Empty;
        if (!body.IsEmpty && body.Span[0] == (byte)'{')
        {
            (code, serviceMessage) = ReadJsonError(body, code);
        }
        else if (!body.IsEmpty)
        {
            try
            {
                var error = XDocument.Parse(Encoding.UTF8.GetString(body.Span)).Root;
                code ??= error?.Element("Code")?.Value;
                // The first line is the human text; later lines are request ids and timestamps.
                serviceMessage = error?.Element("Message")?.Value.Split('\n')[0].Trim();
            }
            catch (System.Xml.XmlException)
            {
                // Not an XML error document (e.g. a proxy's HTML page): keep the status and reason only.
            }
        }

        var text = new StringBuilder()
            .Append("Azure Storage request ").Append(Describe(request))
            .Append(" failed with ").Append(response.Status).Append(' ').Append(response.ReasonPhrase);
        if (code is not null)
        {
            text.Append(" (").Append(code).Append(')');
        }

        if (!string.IsNullOrEmpty(serviceMessage))
        {
            text.Append(": ").Append(serviceMessage);
        }

        return new StorageRequestException(response.Status, code, text.ToString());
    }

    // The Table service answers in JSON: {"odata.error":{"code":"...","message":{"value":"..."}}}.
    private static (string? Code, string? Message) ReadJsonError(ReadOnlyMemory<byte> body, string? code)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("odata.error", out var error))
            {
                return (code, null);
            }

            if (error.TryGetProperty("code", out var c) && c.ValueKind == System.Text.Json.JsonValueKind.String)
            {
                code ??= c.GetString();
            }

            var text = error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() : null;
            return (code, text?.Split('\n')[0].Trim());
        }
        catch (System.Text.Json.JsonException)
        {
            return (code, null);
        }
    }

    // Only the verb and path: query strings can carry pop receipts and (in other clients) signatures.
    private static string Describe(Request request) => $"{request.Method} {request.Uri.ToUri().AbsolutePath}";
}
