using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>
/// A deterministic, offline stand-in for a language model, for demos and tests: it plans tool calls from the goal's
/// keywords and the tools' schemas, and labels every output as not coming from a language model.
/// </summary>
/// <remarks>
/// For the last user message (the goal) it first calls, in parallel, the read-only tools whose name or description shares
/// words with the goal (or whose schema asks for an expression, URL or time zone found in the goal: whole expressions such as
/// <c>(2+3)*4 ^ 2 / sqrt(16)</c>, IANA zones such as <c>Europe/Paris</c>); a call the runtime refused as invalid is made once
/// more with its numbers fitted to the schema; after a failed call it calls an escalation tool if it has one; then the
/// side-effecting tools that match, including a write tool when the goal asks to write or save, with content made from the
/// request's material and the results; then it answers in sentences that quote each result (a calculation with its expression,
/// a time with its zone, search hits with their sources, a sub-agent's answer). A request that hands over material ("Research
/// notes:", "Draft:") and matches no tool gets a Markdown draft of it, with a Sources line when the request asks for sources.
/// A JSON-schema response format gets JSON that fits the schema, by the rules in <c>StructuredAnswerer</c> (routing, confidence,
/// plans); its prose fields carry the label. It never makes the same call (tool and arguments) twice in a conversation, and never
/// plans a tool that a lessons block in its instructions names on an avoid line (a human rejected it in a similar past run).
/// Same input, same output: call ids are hashes of the step, tool and arguments; usage counts characters / 4.
/// </remarks>
public sealed class OfflineChatClient : IChatClient
{
    /// <summary>The prefix of every answer and every text this client produces.</summary>
    public const string Label = "[offline model: deterministic planner, not a language model] ";

    /// <summary>The model id reported in responses and metadata.</summary>
    public const string ModelName = "offline-planner";

    private static readonly ChatClientMetadata Metadata = new("offline", null, ModelName);

    /// <inheritdoc />
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        var view = ConversationView.From(list);
        var plan = options?.ResponseFormat is ChatResponseFormatJson json
            ? new OfflinePlan([], json.Schema is { } schema ? StructuredAnswerer.Answer(schema, list, options) : "{\"answer\":" + System.Text.Json.JsonSerializer.Serialize(Label + AnswerComposer.Answer(view)) + "}")
            : OfflinePlanner.Plan(view, WithoutAvoided(ToolProfile.From(options), list, options), options?.ToolMode);
        return Task.FromResult(ToResponse(list, options, view, plan));
    }

    /// <inheritdoc />
    /// <remarks>Yields the whole response as updates; there is nothing to stream.</remarks>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        ResponseStreaming.AsUpdatesAsync(token => GetResponseAsync(messages, options, token), cancellationToken);

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType == typeof(ChatClientMetadata) ? Metadata : serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>The tools a lessons block in the instructions says a human rejected in a similar past run are not planned again.</summary>
    private static List<ToolProfile> WithoutAvoided(List<ToolProfile> tools, List<ChatMessage> messages, ChatOptions? options)
    {
        var instructions = string.Join("\n", messages.Where(m => m.Role == ChatRole.System).Select(m => m.Text).Append(options?.Instructions ?? ""));
        var avoid = Memory.LessonsBlock.ToolsToAvoid(instructions);
        return avoid.Count == 0 ? tools : tools.Where(t => !avoid.Contains(t.Name)).ToList();
    }

    private static ChatResponse ToResponse(List<ChatMessage> messages, ChatOptions? options, ConversationView view, OfflinePlan plan)
    {
        var contents = new List<AIContent>();
        var outputText = new StringBuilder();
        ChatFinishReason finish;
        if (plan.Calls.Count > 0)
        {
            var note = $"{Label}Calling {string.Join(", ", plan.Calls.Select(c => c.ToolName))}.";
            contents.Add(new TextContent(note));
            outputText.Append(note);
            foreach (var call in plan.Calls)
            {
                var signature = ConversationView.Signature(call.ToolName, call.Arguments);
                contents.Add(new FunctionCallContent(CallId(view.AssistantTurns, signature), call.ToolName, call.Arguments));
                outputText.Append(signature);
            }

            finish = ChatFinishReason.ToolCalls;
        }
        else
        {
            var answer = plan.Answer;
            finish = ChatFinishReason.Stop;
            if (options?.MaxOutputTokens is > 0 and var max && answer.Length > max * 4)
            {
                answer = answer[..Math.Max(Label.Length, max * 4)];
                finish = ChatFinishReason.Length;
            }

            contents.Add(new TextContent(answer));
            outputText.Append(answer);
        }

        var inputTokens = Tokens(InputCharacters(messages, options));
        var outputTokens = Tokens(outputText.Length);
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = ModelName,
            ResponseId = "offline-" + Hash($"{view.AssistantTurns}|{outputText}"),
            FinishReason = finish,
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
        };
    }

    private static string CallId(int step, string signature) => "call_" + Hash($"{step}|{signature}");

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    // A rough but deterministic token count (about four characters per token) so token budgets can be exercised.
    private static long Tokens(long characters) => Math.Max(1, (characters + 3) / 4);

    private static long InputCharacters(List<ChatMessage> messages, ChatOptions? options)
    {
        long total = options?.Instructions?.Length ?? 0;
        foreach (var message in messages)
        {
            foreach (var content in message.Contents)
            {
                total += content switch
                {
                    TextContent text => text.Text.Length,
                    FunctionCallContent call => ConversationView.Signature(call.Name, call.Arguments).Length,
                    FunctionResultContent result => ToolResultText.Of(result).Length,
                    _ => 0,
                };
            }
        }

        foreach (var tool in options?.Tools ?? [])
        {
            total += tool.Name.Length + (tool.Description?.Length ?? 0)
                + (tool is AIFunctionDeclaration { JsonSchema.ValueKind: not System.Text.Json.JsonValueKind.Undefined } f ? f.JsonSchema.GetRawText().Length : 0);
        }

        return total;
    }
}
