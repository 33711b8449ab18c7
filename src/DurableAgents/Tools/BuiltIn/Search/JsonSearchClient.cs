using System.Net;
using System.Text.Json;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// A search backend over a JSON endpoint (SearXNG by default; see <see cref="WebSearchOptions"/>), through the same SSRF guard as
/// http_get. The endpoint is the operator's; the query is the model's and only ever goes into the query string.
/// </summary>
public sealed class JsonSearchClient : ISearchClient, IDisposable
{
    private readonly WebSearchOptions _options;
    private readonly HttpGetToolOptions _http;
    private readonly GuardedHttpClient _client;
    private readonly Uri _endpoint;

    /// <summary>Creates the client; throws <see cref="ArgumentException"/> naming what to fix in the options.</summary>
    public JsonSearchClient(WebSearchOptions options)
        : this(options, resolver: null)
    {
    }

    internal JsonSearchClient(WebSearchOptions options, HostResolver? resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Endpoint) || !Uri.TryCreate(options.Endpoint.Trim(), UriKind.Absolute, out var endpoint)
            || endpoint.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException(
                $"The search endpoint '{options.Endpoint}' is not an absolute http(s) URL. Set {WebSearchOptions.Section}:Endpoint, e.g. https://searx.example.org/search.",
                nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.QueryParameter) || string.IsNullOrWhiteSpace(options.ResultsPath))
        {
            throw new ArgumentException("QueryParameter and ResultsPath of the search options must not be empty.", nameof(options));
        }

        _options = options;
        _endpoint = endpoint;
        _http = (options.Http ?? new HttpGetToolOptions()).ValidatedCopy();
        _client = new GuardedHttpClient(_http, resolver);
    }

    /// <summary>How many TCP connections were tried (tests prove refusals come first).</summary>
    internal int ConnectionAttempts => _client.ConnectionAttempts;

    /// <inheritdoc />
    public async Task<WebSearchResult> SearchAsync(string query, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var uri = _client.Guard.CheckUri(RequestUri(query));
        var where = _endpoint.GetLeftPart(UriPartial.Path); // never the query string: it may hold the model's query or a key
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_http.Timeout);
        try
        {
            var (_, response) = await _client.GetAsync(uri, AddHeaders, timeout.Token).ConfigureAwait(false);
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new ToolException(Refusal(response.StatusCode, where));
                }

                var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    var (bytes, truncated) = await BodyReader.ReadCappedAsync(stream, _http.MaxResponseBytes, timeout.Token).ConfigureAwait(false);
                    if (truncated)
                    {
                        throw new ToolException($"The search endpoint {where} answered more than {_http.MaxResponseBytes} bytes; ask for fewer results.");
                    }

                    return new WebSearchResult(query, SearchResponseReader.Read(bytes, _options, count, where));
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException($"The search endpoint {where} did not answer within {_http.Timeout.TotalSeconds:0.###} seconds; try again later.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ToolException($"The search endpoint {where} could not be reached: {ex.Message}", ex);
        }
    }

    /// <summary>Releases the connection pool.</summary>
    public void Dispose() => _client.Dispose();

    private Uri RequestUri(string query)
    {
        var parameters = new List<string>();
        if (_endpoint.Query.Length > 1)
        {
            parameters.Add(_endpoint.Query[1..]);
        }

        parameters.Add($"{Uri.EscapeDataString(_options.QueryParameter)}={Uri.EscapeDataString(query)}");
        parameters.AddRange((_options.Parameters ?? new Dictionary<string, string>()).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
        return new UriBuilder(_endpoint) { Query = string.Join('&', parameters) }.Uri;
    }

    private void AddHeaders(HttpRequestMessage request, bool sameOrigin)
    {
        request.Headers.Accept.ParseAdd("application/json");
        // The key is for the configured endpoint only: a redirect to another host gets no key.
        if (sameOrigin && !string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.TryAddWithoutValidation(_options.ApiKeyHeader, (_options.ApiKeyPrefix ?? "") + _options.ApiKey);
        }
    }

    private static string Refusal(HttpStatusCode status, string where) => status switch
    {
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
            $"The search endpoint {where} refused the request ({(int)status}): the key is missing or wrong. The operator must check {WebSearchOptions.Section}:ApiKey.",
        HttpStatusCode.TooManyRequests => $"The search endpoint {where} is rate-limiting ({(int)status}); try again later.",
        _ => $"The search endpoint {where} answered {(int)status} {status}; try again later or search for something else.",
    };
}
