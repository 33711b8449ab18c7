namespace DurableAgents.Tools.BuiltIn;

/// <summary>One search hit.</summary>
/// <param name="Title">The page title.</param>
/// <param name="Url">The page address.</param>
/// <param name="Snippet">The text the search engine quotes from the page.</param>
public sealed record SearchResult(string Title, string Url, string Snippet);

/// <summary>The answer of the web_search tool.</summary>
/// <param name="Query">The query as searched.</param>
/// <param name="Results">The hits, best first (empty when nothing was found).</param>
public sealed record WebSearchResult(string Query, IReadOnlyList<SearchResult> Results);

/// <summary>A search backend for the web_search tool: a JSON endpoint (<see cref="JsonSearchClient"/>) or any other.</summary>
public interface ISearchClient
{
    /// <summary>Searches; a failure the model can act on is a <see cref="ToolException"/> saying what went wrong.</summary>
    Task<WebSearchResult> SearchAsync(string query, int count, CancellationToken cancellationToken = default);
}
