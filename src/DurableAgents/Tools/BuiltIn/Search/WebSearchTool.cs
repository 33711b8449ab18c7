using System.ComponentModel;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>The web_search tool: checks the model's query and count, then asks the search backend.</summary>
public sealed class WebSearchTool(ISearchClient client, int defaultCount = 5)
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 400;

    /// <summary>The most hits one call returns.</summary>
    public const int MaxCount = 10;

    /// <summary>Searches and returns the hits: title, URL and snippet of each.</summary>
    [Description("Searches the web and returns the best hits with title, URL and snippet.")]
    public async Task<WebSearchResult> SearchAsync(
        [Description("What to search for, in a few words.")] string query,
        [Description("How many hits to return, 1 to 10.")] int? count = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var text = query?.Trim() ?? "";
        if (text.Length == 0)
        {
            throw new ToolException("The query is empty. Search for a few words, e.g. 'durable task framework'.");
        }

        if (text.Length > MaxQueryLength)
        {
            throw new ToolException($"The query is {text.Length} characters long; the limit is {MaxQueryLength}. Search for a few key words.");
        }

        if (count is < 1 or > MaxCount)
        {
            throw new ToolException($"count is {count}; ask for 1 to {MaxCount} hits.");
        }

        return await client.SearchAsync(text, count ?? Math.Clamp(defaultCount, 1, MaxCount), cancellationToken).ConfigureAwait(false);
    }
}
