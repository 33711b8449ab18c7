using System.Text.Json;

namespace DurableAgents.Patterns;

/// <summary>What each stage is asked, with the context it needs (stages are stateless sub-runs).</summary>
public sealed partial class ContentPipelineOrchestrator
{
    /// <summary>The topic: the input's "topic" when it is a JSON object with one, else the whole input.</summary>
    internal static string Topic(string goal)
    {
        var text = goal.Trim();
        if (text.StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.TryGetProperty("topic", out var topic) && topic.GetString() is { Length: > 0 } value)
                {
                    return value.Trim();
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the text is the topic.
            }
        }

        return text;
    }

    /// <summary>A file name for the topic: lower-case words joined by '-', at most 60 characters.</summary>
    internal static string Slug(string topic)
    {
        var words = new string(topic.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray())
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var slug = string.Join('-', words);
        slug = slug.Length > 60 ? slug[..60].TrimEnd('-') : slug;
        return slug.Length == 0 ? "lesson" : slug;
    }

    private static string ResearchTask(string topic) =>
        $"Research the topic for a short lesson for beginners: find the key facts and their sources.\nTopic: {topic}";

    private static string WriteTask(Job job, string notes, string? corrections) => corrections is null
        ? $"Write a short lesson for beginners from the research notes, and cite the sources.\nTopic: {job.Topic}\nResearch notes:\n{notes}"
        : $"Revise the lesson with the reviewer's corrections, and cite the sources.\nTopic: {job.Topic}\nHuman corrections: {corrections}\nResearch notes:\n{notes}\n\nPrevious draft:\n{job.Draft}";

    private static string FactCheckTask(Job job) =>
        $"Fact-check this lesson draft: verify its claims with a search and any numbers with the calculator, and list what you could not verify.\nTopic: {job.Topic}\nDraft:\n{job.Draft}";

    private static string ConfidencePrompt(Job job, string check, string? corrections) =>
        $"How confident are you that this lesson is accurate and ready to publish, given its fact-check?\nTopic: {job.Topic}\nHuman corrections: {corrections ?? "none"}\nDraft:\n{job.Draft}\n\nFact-check report:\n{check}";

    private static string FormatTask(Job job) =>
        $"Format this approved lesson as Markdown and save it with write_file to {job.Pattern.OutputFolder}/{Slug(job.Topic)}.md\nTopic: {job.Topic}\nLesson:\n{job.Draft}";
}
