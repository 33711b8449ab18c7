using System.Text.Json.Nodes;

namespace DurableAgents.Tests.Models;

/// <summary>One reply of <see cref="FakeOpenAIServer"/>, built in the chat completions wire format.</summary>
internal sealed record ScriptedReply(int Status, string Body, IReadOnlyDictionary<string, string> Headers, bool HangUntilAborted = false)
{
    public const string Model = "gpt-fake-1";
    public const long Created = 1_700_000_000;

    public static ScriptedReply Text(string text, int promptTokens = 11, int completionTokens = 7, string finishReason = "stop") =>
        Completion(new JsonObject { ["role"] = "assistant", ["content"] = text }, finishReason, promptTokens, completionTokens);

    /// <summary>A reply asking for one or more tool calls (more than one = parallel calls).</summary>
    public static ScriptedReply ToolCalls(params (string Id, string Name, string Arguments)[] calls)
    {
        var toolCalls = new JsonArray();
        foreach (var (id, name, arguments) in calls)
        {
            toolCalls.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
            });
        }

        var message = new JsonObject { ["role"] = "assistant", ["content"] = null, ["tool_calls"] = toolCalls };
        return Completion(message, "tool_calls", 20, 9);
    }

    public static ScriptedReply Error(int status, string code, string message, IReadOnlyDictionary<string, string>? headers = null)
    {
        var body = new JsonObject
        {
            ["error"] = new JsonObject { ["message"] = message, ["type"] = "test_error", ["param"] = null, ["code"] = code },
        };
        return new ScriptedReply(status, body.ToJsonString(), headers ?? new Dictionary<string, string>());
    }

    public static ScriptedReply Hang() => new(200, "{}", new Dictionary<string, string>(), HangUntilAborted: true);

    private static ScriptedReply Completion(JsonObject message, string finishReason, int promptTokens, int completionTokens)
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-fake-" + Guid.NewGuid().ToString("N")[..8],
            ["object"] = "chat.completion",
            ["created"] = Created,
            ["model"] = Model,
            ["choices"] = new JsonArray
            {
                new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finishReason, ["logprobs"] = null },
            },
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = promptTokens,
                ["completion_tokens"] = completionTokens,
                ["total_tokens"] = promptTokens + completionTokens,
            },
        };
        return new ScriptedReply(200, body.ToJsonString(), new Dictionary<string, string>());
    }
}
