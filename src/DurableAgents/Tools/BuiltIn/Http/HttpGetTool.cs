using System.ComponentModel;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// The http_get tool: fetches a URL chosen by the model, guarded against SSRF by <see cref="GuardedHttpClient"/>: each hop's
/// host is resolved and vetted first, and the socket then connects to a vetted address only, so DNS rebinding cannot swap it.
/// </summary>
public sealed class HttpGetTool : IDisposable
{
    private readonly HttpGetToolOptions _options;
    private readonly GuardedHttpClient _http;

    /// <summary>Creates the tool; null options mean the safe defaults.</summary>
    public HttpGetTool(HttpGetToolOptions? options = null)
        : this(options, resolver: null)
    {
    }

    /// <summary>Creates the tool with a custom resolver (tests map names without DNS).</summary>
    internal HttpGetTool(HttpGetToolOptions? options, HostResolver? resolver)
    {
        _options = (options ?? new HttpGetToolOptions()).ValidatedCopy();
        _http = new GuardedHttpClient(_options, resolver);
    }

    /// <summary>Fetches a URL with GET and returns its status, content type and (possibly truncated) text.</summary>
    [Description("Fetches a public web page or API with HTTP GET and returns the status code, content type and text.")]
    public async Task<HttpGetResult> GetAsync(
        [Description("The absolute http or https URL to fetch, e.g. https://example.com/page.")] string url,
        CancellationToken cancellationToken = default)
    {
        var uri = _http.Guard.CheckUrl(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var (final, response) = await _http.GetAsync(uri, Accept, timeout.Token).ConfigureAwait(false);
            using (response)
            {
                return await ReadResultAsync(final, response, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException(
                $"Fetching '{uri}' timed out after {_options.Timeout.TotalSeconds:0.###} seconds. "
                + "The server is slow or unreachable; try again later or use another URL.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ToolException(
                $"Fetching '{uri}' failed: {ex.Message} Check the URL or try another source.", ex);
        }
    }

    /// <summary>How many TCP connections this tool has tried to open; lets tests prove a refusal came first.</summary>
    internal int ConnectionAttempts => _http.ConnectionAttempts;

    /// <summary>Releases the connection pool.</summary>
    public void Dispose() => _http.Dispose();

    private static void Accept(HttpRequestMessage request, bool sameOrigin) =>
        request.Headers.Accept.ParseAdd("text/html, application/json, text/plain;q=0.9, */*;q=0.5");

    private async Task<HttpGetResult> ReadResultAsync(Uri uri, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var contentType = response.Content.Headers.ContentType;
        var mediaType = contentType?.MediaType;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var (bytes, truncated) = await BodyReader
                .ReadCappedAsync(stream, _options.MaxResponseBytes, cancellationToken)
                .ConfigureAwait(false);
            string text;
            if (!BodyReader.IsTextual(mediaType))
            {
                text = $"[binary content of type {mediaType}, not shown]";
            }
            else
            {
                text = BodyReader.Decode(bytes, contentType);
                if (_options.ConvertHtmlToText && BodyReader.IsHtml(mediaType))
                {
                    text = HtmlText.ToText(text);
                }
            }

            if (truncated)
            {
                text += $"\n[truncated at {_options.MaxResponseBytes} bytes]";
            }

            return new HttpGetResult(uri.ToString(), (int)response.StatusCode, mediaType, text, truncated);
        }
    }
}
