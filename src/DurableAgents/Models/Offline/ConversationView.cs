using System.Text.Json;
using DurableAgents.Runs.Loop;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>One tool result the offline planner received: the tool, the call's arguments, its status and its text.</summary>
/// <param name="ToolName">The tool that produced it.</param>
/// <param name="Arguments">The arguments of the call it answers (empty when the call is not in the conversation).</param>
/// <param name="Status">ok, error, refused, rejected, timeout, unknown-tool, invalid-arguments, loop-warning (ok for plain results).</param>
/// <param name="Text">The result text, without the runtime's delimiters.</param>
internal sealed record ToolOutcome(string ToolName, IDictionary<string, object?> Arguments, string Status, string Text)
{
    /// <summary>True when the call did what it was asked (a sub-agent only when it completed).</summary>
    public bool Succeeded => Status == "ok";
}

/// <summary>The parts of a conversation the offline planner needs: the goal, the calls made and the results received.</summary>
internal sealed class ConversationView
{
    private ConversationView(string goal, List<FunctionCallContent> callsSinceGoal, List<ToolOutcome> resultsSinceGoal, HashSet<string> allCallSignatures, int assistantTurns)
    {
        Goal = goal;
        CallsSinceGoal = callsSinceGoal;
        ResultsSinceGoal = resultsSinceGoal;
        AllCallSignatures = allCallSignatures;
        AssistantTurns = assistantTurns;
    }

    /// <summary>The text of the last user message that is not a runtime note (a goal reminder or a compaction summary).</summary>
    public string Goal { get; }

    /// <summary>Tool calls the assistant made after the goal.</summary>
    public List<FunctionCallContent> CallsSinceGoal { get; }

    /// <summary>Tool results received after the goal, in order.</summary>
    public List<ToolOutcome> ResultsSinceGoal { get; }

    /// <summary>Signatures (tool + canonical arguments) of every call in the conversation, so none is repeated.</summary>
    public HashSet<string> AllCallSignatures { get; }

    /// <summary>How many assistant messages the conversation holds: the step number used in call ids.</summary>
    public int AssistantTurns { get; }

    public static ConversationView From(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var goalIndex = list.FindLastIndex(m => m.Role == ChatRole.User && !IsRuntimeNote(m.Text));
        var goal = goalIndex >= 0 ? list[goalIndex].Text : string.Empty;
        var callsById = new Dictionary<string, FunctionCallContent>(StringComparer.Ordinal);
        var signatures = new HashSet<string>(StringComparer.Ordinal);
        var calls = new List<FunctionCallContent>();
        var results = new List<ToolOutcome>();
        var assistantTurns = 0;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Role == ChatRole.Assistant)
            {
                assistantTurns++;
            }

            foreach (var content in list[i].Contents)
            {
                if (content is FunctionCallContent call)
                {
                    callsById[call.CallId] = call;
                    signatures.Add(Signature(call.Name, call.Arguments));
                    if (i > goalIndex)
                    {
                        calls.Add(call);
                    }
                }
                else if (content is FunctionResultContent result && i > goalIndex)
                {
                    results.Add(Outcome(result, callsById.GetValueOrDefault(result.CallId)));
                }
            }
        }

        return new ConversationView(goal, calls, results, signatures, assistantTurns);
    }

    /// <summary>A canonical text for a call: the tool name and its arguments as JSON with sorted keys.</summary>
    public static string Signature(string toolName, IDictionary<string, object?>? arguments)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in arguments ?? new Dictionary<string, object?>())
        {
            sorted[key] = value switch
            {
                null => "null",
                JsonElement e => e.GetRawText(),
                var other => JsonSerializer.Serialize(other, AIJsonUtilities.DefaultOptions.GetTypeInfo(other.GetType())),
            };
        }

        return toolName + "(" + string.Join(",", sorted.Select(kv => JsonSerializer.Serialize(kv.Key) + ":" + kv.Value)) + ")";
    }

    /// <summary>The text of an argument of a call (strings as they are, other JSON as JSON), or null.</summary>
    public static string? ArgumentText(IDictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value switch
        {
            null => null,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            JsonElement e => e.GetRawText(),
            var other => other.ToString(),
        } : null;

    private static ToolOutcome Outcome(FunctionResultContent result, FunctionCallContent? call)
    {
        var text = ToolResultText.Of(result);
        var arguments = call?.Arguments ?? new Dictionary<string, object?>();
        return ToolResultFormatter.TryUnwrap(text, out var tool, out var status, out var body)
            ? new ToolOutcome(call?.Name ?? tool, arguments, status, body)
            : new ToolOutcome(call?.Name ?? result.CallId, arguments, result.Exception is null ? "ok" : "error", text);
    }

    private static bool IsRuntimeNote(string text) => text.StartsWith("[runtime", StringComparison.Ordinal);
}
