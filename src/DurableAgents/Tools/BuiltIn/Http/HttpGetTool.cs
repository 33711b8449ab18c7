using System.ComponentModel;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// The http_get tool: fetches a URL chosen by the model, guarded against SSRF. Each hop's host is resolved and
/// vetted first, and the socket then connects to a vetted address only, so DNS rebinding cannot swap it.
/// </summary>
public sealed class HttpGetTool : IDisposable
{
    private static readonly HttpRequestOptionsKey<IPAddress[]> VettedAddressesKey = new("DurableAgents.VettedAddresses");

    private readonly HttpGetToolOptions _options;
    private readonly UrlGuard _guard;
    private readonly HttpClient _client;
    private int _connectionAttempts;

    /// <summary>Creates the tool; null options mean the safe defaults.</summary>
    public HttpGetTool(HttpGetToolOptions? options = null)
        : this(options, resolver: null)
    {
    }

    /// <summary>Creates the tool with a custom resolver (tests map names without DNS).</summary>
    internal HttpGetTool(HttpGetToolOptions? options, HostResolver? resolver)
    {
        _options = (options ?? new HttpGetToolOptions()).ValidatedCopy();
        _guard = new UrlGuard(_options, resolver);
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by hand so every hop is vetted; a proxy would do its own DNS, so none.
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = ConnectToVettedAddressAsync,
            ConnectTimeout = _options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Fetches a URL with GET and returns its status, content type and (possibly truncated) text.</summary>
    [Description("Fetches a public web page or API with HTTP GET and returns the status code, content type and text.")]
    public async Task<HttpGetResult> GetAsync(
        [Description("The absolute http or https URL to fetch, e.g. https://example.com/page.")] string url,
        CancellationToken cancellationToken = default)
    {
        var uri = _guard.CheckUrl(url);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            return await FetchAsync(uri, timeout.Token).ConfigureAwait(false);
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
    internal int ConnectionAttempts => Volatile.Read(ref _connectionAttempts);

    /// <summary>Releases the connection pool.</summary>
    public void Dispose() => _client.Dispose();

    private async Task<HttpGetResult> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        for (var redirects = 0; ; redirects++)
        {
            var addresses = await _guard.ResolveAndVetAsync(uri, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Options.Set(VettedAddressesKey, addresses);
            request.Headers.UserAgent.ParseAdd(_options.UserAgent);
            request.Headers.Accept.ParseAdd("text/html, application/json, text/plain;q=0.9, */*;q=0.5");

            using var response = await _client
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);

            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
            {
                if (redirects >= _options.MaxRedirects)
                {
                    throw new ToolException(
                        $"'{uri}' redirected more than {_options.MaxRedirects} times. Use the final URL directly.");
                }

                uri = _guard.CheckUri(new Uri(uri, location));
                continue;
            }

            return await ReadResultAsync(uri, response, cancellationToken).ConfigureAwait(false);
        }
    }

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

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect
        or HttpStatusCode.PermanentRedirect;

    // Connects only to addresses vetted for this request; the host name in the URL is never resolved again here.
    private async ValueTask<Stream> ConnectToVettedAddressAsync(
        SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(VettedAddressesKey, out var addresses) || addresses.Length == 0)
        {
            throw new InvalidOperationException("http_get refuses to open a connection without vetted addresses.");
        }

        SocketException? last = null;
        foreach (var address in addresses)
        {
            Interlocked.Increment(ref _connectionAttempts);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException(
            $"Could not connect to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} ({last?.SocketErrorCode}).",
            last);
    }
}
