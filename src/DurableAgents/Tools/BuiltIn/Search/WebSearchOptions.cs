namespace DurableAgents.Tools.BuiltIn;

/// <summary>
/// A JSON search endpoint for web_search: where it is, how the key is sent, and where the hits are in its answer. The defaults
/// fit SearXNG (<c>GET {Endpoint}?q=...&amp;format=json</c>, hits in <c>results[].title/url/content</c>); other engines fit by
/// changing the paths, e.g. Brave: <c>ResultsPath = "web.results"</c>, <c>SnippetField = "description"</c>,
/// <c>ApiKeyHeader = "X-Subscription-Token"</c>, <c>ApiKeyPrefix = ""</c>.
/// </summary>
public sealed class WebSearchOptions
{
    /// <summary>The configuration section the host binds (DurableAgents:Search).</summary>
    public const string Section = "DurableAgents:Search";

    /// <summary>The endpoint, an absolute http(s) URL such as https://searx.example.org/search.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The key, sent in <see cref="ApiKeyHeader"/> (never in the URL, never after a redirect to another host); none when empty.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The header that carries the key.</summary>
    public string ApiKeyHeader { get; set; } = "Authorization";

    /// <summary>Text before the key in its header ("Bearer " for Authorization).</summary>
    public string ApiKeyPrefix { get; set; } = "Bearer ";

    /// <summary>The query-string parameter that carries the query.</summary>
    public string QueryParameter { get; set; } = "q";

    /// <summary>Fixed query-string parameters (SearXNG needs format=json).</summary>
    public IDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = "json" };

    /// <summary>The dotted path to the array of hits in the answer.</summary>
    public string ResultsPath { get; set; } = "results";

    /// <summary>The field of a hit that holds its title.</summary>
    public string TitleField { get; set; } = "title";

    /// <summary>The field of a hit that holds its URL.</summary>
    public string UrlField { get; set; } = "url";

    /// <summary>The field of a hit that holds its snippet.</summary>
    public string SnippetField { get; set; } = "content";

    /// <summary>Hits returned when the model asks for no number (at most 10).</summary>
    public int MaxResults { get; set; } = 5;

    /// <summary>
    /// The SSRF rules, size cap and timeout, as for http_get: a public endpoint only, unless its host or address is in
    /// <see cref="HttpGetToolOptions.AllowedHosts"/> (an IP literal there opens that one private address, e.g. a SearXNG on
    /// 127.0.0.1) or private networks are allowed.
    /// </summary>
    public HttpGetToolOptions Http { get; init; } = new() { MaxResponseBytes = 512 * 1024 };
}
