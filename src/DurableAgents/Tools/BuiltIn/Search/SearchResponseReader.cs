using System.Text.Json;

namespace DurableAgents.Tools.BuiltIn;

/// <summary>Reads hits out of a search endpoint's JSON by the paths in <see cref="WebSearchOptions"/>.</summary>
internal static class SearchResponseReader
{
    public static IReadOnlyList<SearchResult> Read(byte[] body, WebSearchOptions options, int count, string where)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new ToolException($"The search endpoint {where} did not answer JSON; the operator must point {WebSearchOptions.Section}:Endpoint at a JSON search API (for SearXNG, enable the json format).");
        }

        using (document)
        {
            var hits = document.RootElement;
            foreach (var step in options.ResultsPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
            {
                if (hits.ValueKind != JsonValueKind.Object || !hits.TryGetProperty(step, out hits))
                {
                    throw new ToolException($"The search endpoint {where} answered JSON without '{options.ResultsPath}'; the operator must set {WebSearchOptions.Section}:ResultsPath to where the hits are.");
                }
            }

            if (hits.ValueKind != JsonValueKind.Array)
            {
                throw new ToolException($"'{options.ResultsPath}' in the answer of {where} is not a list of hits.");
            }

            return hits.EnumerateArray()
                .Where(h => h.ValueKind == JsonValueKind.Object)
                .Select(h => new SearchResult(Field(h, options.TitleField), Field(h, options.UrlField), Field(h, options.SnippetField)))
                .Where(h => h.Url.Length > 0 || h.Title.Length > 0)
                .Take(count)
                .ToList();
        }
    }

    private static string Field(JsonElement hit, string name) =>
        hit.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? Flat(value.GetString()!) : "";

    private static string Flat(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
