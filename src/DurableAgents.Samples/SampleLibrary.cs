using DurableAgents.Tools.BuiltIn;

namespace DurableAgents.Samples;

/// <summary>
/// A small bundled library the samples search when no search endpoint is configured, so they run without a network: a dozen
/// short articles (on durable execution, agents, and school topics for the lesson pipeline), found by shared words.
/// </summary>
/// <remarks>Written here because it is sample data, not a search engine: set DurableAgents:Search:Endpoint for a real one.</remarks>
public sealed class SampleLibrary : ISearchClient
{
    private static readonly SearchResult[] Articles =
    [
        new("Durable Task Framework", "https://library.example/durable-task-framework", "The Durable Task Framework records every step of an orchestration in a history and replays it, so work survives crashes and restarts."),
        new("Durable Functions", "https://library.example/durable-functions", "Durable Functions runs orchestrations, activities and durable timers inside Azure Functions on the Durable Task Framework."),
        new("Event sourcing and replay", "https://library.example/event-sourcing", "An orchestration's state is rebuilt by replaying its recorded events; orchestrator code must be deterministic for replay to work."),
        new("AI agents and tool calling", "https://library.example/agents", "An AI agent calls a language model in a loop; the model asks for tools, the runtime runs them and feeds the results back."),
        new("Human in the loop", "https://library.example/human-in-the-loop", "Agents pause for a human's approval before actions that cannot be undone, and resume when a person decides."),
        new("Photosynthesis", "https://library.example/photosynthesis", "Plants use sunlight, water and carbon dioxide to make glucose and release oxygen; chlorophyll in their leaves absorbs the light."),
        new("Chlorophyll", "https://library.example/chlorophyll", "Chlorophyll is the green pigment of plants; it absorbs red and blue light and reflects green light."),
        new("Tides", "https://library.example/tides", "Tides are the rise and fall of the sea caused by the pull of the Moon and the Sun on the oceans; most coasts have two high tides a day."),
        new("The water cycle", "https://library.example/water-cycle", "Water evaporates from seas and lakes, condenses into clouds, falls as rain or snow, and flows back to the sea."),
        new("Volcanoes", "https://library.example/volcanoes", "A volcano is an opening in the crust where magma, gas and ash escape; lava is magma that reaches the surface."),
        new("Compound interest", "https://library.example/compound-interest", "Compound interest adds interest to the principal, so the balance grows by (1 + rate) ^ years."),
        new("Prime numbers", "https://library.example/prime-numbers", "A prime number has exactly two divisors, 1 and itself; 2, 3, 5, 7 and 11 are the first five primes."),
    ];

    private static readonly HashSet<string> Ignored = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "and", "for", "with", "about", "what", "how", "why", "are", "is", "of", "a", "an", "to", "in", "on", "lesson", "short", "beginners", "facts", "key", "their", "sources",
    };

    /// <inheritdoc />
    public Task<WebSearchResult> SearchAsync(string query, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = Words(query).Where(w => w.Length >= 3 && !Ignored.Contains(w)).ToList();
        var hits = Articles
            .Select((article, index) => (article, index, score: Words(article.Title + " " + article.Snippet).Count(w => words.Any(q => Match(q, w)))))
            .Where(h => h.score > 0)
            .OrderByDescending(h => h.score).ThenBy(h => h.index)
            .Take(count)
            .Select(h => h.article)
            .ToList();
        return Task.FromResult(new WebSearchResult(query, hits));
    }

    private static IEnumerable<string> Words(string text) =>
        text.ToLowerInvariant().Split(text.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries);

    // Equal words, or long words that share a five-letter stem (volcano ~ volcanoes).
    private static bool Match(string a, string b) => a == b || (a.Length >= 5 && b.Length >= 5 && string.CompareOrdinal(a, 0, b, 0, 5) == 0);
}
