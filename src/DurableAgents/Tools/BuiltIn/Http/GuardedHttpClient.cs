using System.Net;
using System.Net.Sockets;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// GET requests under the SSRF rules of <see cref="HttpGetToolOptions"/>, shared by http_get and web_search: each hop's host is
/// resolved and vetted first, the socket connects to a vetted address only (so DNS rebinding cannot swap it), and redirects are
/// followed by hand, each one vetted again. No proxy, no cookies.
/// </summary>
internal sealed class GuardedHttpClient : IDisposable
{
    private static readonly HttpRequestOptionsKey<IPAddress[]> VettedAddressesKey = new("DurableAgents.VettedAddresses");

    private readonly HttpGetToolOptions _options;
    private readonly HttpClient _client;
    private int _connectionAttempts;

    /// <summary>Creates the client over validated options.</summary>
    public GuardedHttpClient(HttpGetToolOptions validated, HostResolver? resolver)
    {
        _options = validated;
        Guard = new UrlGuard(validated, resolver);
        var handler = new SocketsHttpHandler
        {
            // Redirects are followed by hand so every hop is vetted; a proxy would do its own DNS, so none.
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectCallback = ConnectToVettedAddressAsync,
            ConnectTimeout = validated.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The URL checks (scheme, credentials, allow list, addresses).</summary>
    public UrlGuard Guard { get; }

    /// <summary>How many TCP connections were tried; lets tests prove a refusal came before any connection.</summary>
    public int ConnectionAttempts => Volatile.Read(ref _connectionAttempts);

    /// <summary>
    /// Sends a GET to a checked URL and follows redirects (each vetted); <paramref name="configure"/> adds headers to each hop, and
    /// is told whether the hop is still on the first URL's host so credentials never follow a redirect elsewhere. The caller
    /// disposes the response.
    /// </summary>
    public async Task<(Uri Final, HttpResponseMessage Response)> GetAsync(Uri uri, Action<HttpRequestMessage, bool>? configure, CancellationToken cancellationToken)
    {
        var origin = uri;
        for (var redirects = 0; ; redirects++)
        {
            var addresses = await Guard.ResolveAndVetAsync(uri, cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Options.Set(VettedAddressesKey, addresses);
            request.Headers.UserAgent.ParseAdd(_options.UserAgent);
            configure?.Invoke(request, SameOrigin(origin, uri));
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return (uri, response);
            }

            response.Dispose();
            if (redirects >= _options.MaxRedirects)
            {
                throw new ToolException($"'{uri}' redirected more than {_options.MaxRedirects} times. Use the final URL directly.");
            }

            uri = Guard.CheckUri(new Uri(uri, location));
        }
    }

    /// <summary>Releases the connection pool.</summary>
    public void Dispose() => _client.Dispose();

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static bool IsRedirect(HttpStatusCode status) => status is HttpStatusCode.MovedPermanently
        or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect
        or HttpStatusCode.PermanentRedirect;

    // Connects only to addresses vetted for this request; the host name in the URL is never resolved again here.
    private async ValueTask<Stream> ConnectToVettedAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(VettedAddressesKey, out var addresses) || addresses.Length == 0)
        {
            throw new InvalidOperationException("The guarded HTTP client refuses to open a connection without vetted addresses.");
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

        throw new HttpRequestException($"Could not connect to {context.DnsEndPoint.Host}:{context.DnsEndPoint.Port} ({last?.SocketErrorCode}).", last);
    }
}
