using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Models;

/// <summary>The parts of a conversation the offline planner needs: the goal, the calls made and the results received.</summary>
internal sealed class ConversationView
{
    private ConversationView(string goal, List<FunctionCallContent> callsSinceGoal, List<(string ToolName, string Text)> resultsSinceGoal, HashSet<string> allCallSignatures, int assistantTurns)
    {
        Goal = goal;
        CallsSinceGoal = callsSinceGoal;
        ResultsSinceGoal = resultsSinceGoal;
        AllCallSignatures = allCallSignatures;
        AssistantTurns = assistantTurns;
    }

    /// <summary>The text of the last user message.</summary>
    public string Goal { get; }

    /// <summary>Tool calls the assistant made after the last user message.</summary>
    public List<FunctionCallContent> CallsSinceGoal { get; }

    /// <summary>Tool results received after the last user message, with the name of the tool that produced each.</summary>
    public List<(string ToolName, string Text)> ResultsSinceGoal { get; }

    /// <summary>Signatures (tool + canonical arguments) of every call in the conversation, so none is repeated.</summary>
    public HashSet<string> AllCallSignatures { get; }

    /// <summary>How many assistant messages the conversation holds: the step number used in call ids.</summary>
    public int AssistantTurns { get; }

    public static ConversationView From(IEnumerable<ChatMessage> messages)
    {
        var list = messages.ToList();
        var lastUser = list.FindLastIndex(m => m.Role == ChatRole.User);
        var goal = lastUser >= 0 ? list[lastUser].Text : string.Empty;
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var signatures = new HashSet<string>(StringComparer.Ordinal);
        var calls = new List<FunctionCallContent>();
        var results = new List<(string, string)>();
        var assistantTurns = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var message = list[i];
            if (message.Role == ChatRole.Assistant)
            {
                assistantTurns++;
            }

            foreach (var content in message.Contents)
            {
                if (content is FunctionCallContent call)
                {
                    names[call.CallId] = call.Name;
                    signatures.Add(Signature(call.Name, call.Arguments));
                    if (i > lastUser)
                    {
                        calls.Add(call);
                    }
                }
                else if (content is FunctionResultContent result && i > lastUser)
                {
                    var toolName = names.TryGetValue(result.CallId, out var n) ? n : result.CallId;
                    results.Add((toolName, ToolResultText.Of(result)));
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
}
