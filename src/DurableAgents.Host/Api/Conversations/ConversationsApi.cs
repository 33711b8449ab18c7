using System.Globalization;
using System.Text.Json.Nodes;
using DurableAgents.Api.Http;
using DurableAgents.Host.Hosting;
using DurableAgents.Host.Security;
using DurableAgents.Models;
using DurableAgents.Runs;
using DurableAgents.Runs.Conversation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace DurableAgents.Host.Api.Conversations;

/// <summary>
/// <c>GET /api/runs/{id}/conversation</c>: a run's messages, read from the conversation store (the run's history holds only
/// references to them). The dashboard shows it; every value came from a model or a tool, so clients must treat it as text.
/// </summary>
public static class ConversationsApi
{
    private const int MaxTake = 1000;

    /// <summary>Maps the endpoint (keys and id rules as on the rest of <c>/api/runs</c>).</summary>
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/runs").WithTags("Runs").AddEndpointFilter<ApiKeyFilter>()
            .MapGet("/{id}/conversation", GetAsync).WithName("GetRunConversation");
        return app;
    }

    private static async Task<Results<Ok<ConversationResponse>, ProblemHttpResult>> GetAsync(
        string id, AgentRunClient runs, ConversationLog conversations, IOptions<DurableAgentsHostOptions> options, CancellationToken cancellationToken,
        string? skip = null, string? take = null, string? maxChars = null)
    {
        if (!RunIds.IsValid(id, out var idError))
        {
            return Problems.BadRequest(idError);
        }

        if (!TryParse(skip, 0, int.MaxValue, 0, out var from) || !TryParse(take, 1, MaxTake, 200, out var count)
            || !TryParse(maxChars, 0, int.MaxValue, options.Value.HistoryValueMaxChars, out var limit))
        {
            return Problems.BadRequest($"skip must be a whole number >= 0, take 1 to {MaxTake}, maxChars >= 0 (0 for whole values).");
        }

        var run = await runs.GetRunAsync(id, includeToolCalls: false, cancellationToken);
        if (run is null)
        {
            return Problems.RunNotFound(id);
        }

        IReadOnlyList<ChatMessage> messages;
        try
        {
            messages = await conversations.GetArchiveAsync(run.Result?.Conversation ?? run.Status?.Conversation, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException)
        {
            return Problems.NotFound($"The conversation of run '{id}' is no longer readable from the conversation store ({e.GetType().Name}).");
        }

        var page = messages.Skip(from).Take(count).Select((m, i) => ToMessage(from + i, m, limit == 0 ? int.MaxValue : limit)).ToList();
        return TypedResults.Ok(new ConversationResponse(id, messages.Count, page));
    }

    private static ConversationMessage ToMessage(int index, ChatMessage message, int limit)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(c => new ConversationToolCall(c.CallId, c.Name, Cut(ToolCallArguments.ToJson(c), limit))).ToList();
        var results = message.Contents.OfType<FunctionResultContent>()
            .Select(r => new ConversationToolResult(r.CallId, Cut(r.Result?.ToString() ?? "", limit))).ToList();
        var text = message.Text;
        return new ConversationMessage(
            index, message.Role.Value, string.IsNullOrEmpty(text) ? null : Cut(text, limit), calls.Count > 0 ? calls : null, results.Count > 0 ? results : null);
    }

    /// <summary>The text, or <c>{truncated, size, preview}</c> when longer than the limit (the history's convention).</summary>
    private static JsonNode Cut(string text, int limit) => text.Length <= limit
        ? JsonValue.Create(text)
        : new JsonObject { ["truncated"] = true, ["size"] = text.Length, ["preview"] = text[..limit] };

    private static bool TryParse(string? text, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }
}
