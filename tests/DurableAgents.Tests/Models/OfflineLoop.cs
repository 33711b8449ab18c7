using DurableAgents.Runs.Loop;
using Microsoft.Extensions.AI;

namespace DurableAgents.Tests.Models;

/// <summary>A minimal agent loop around a model: call it, run its tool calls, append results, until it answers.</summary>
internal static class OfflineLoop
{
    /// <param name="client">The model.</param>
    /// <param name="goal">The user's goal.</param>
    /// <param name="options">The tools.</param>
    /// <param name="delimited">Wrap results in the runtime's delimiters, as the agent run does.</param>
    public static async Task<(List<ChatMessage> History, ChatResponse Final)> RunAsync(IChatClient client, string goal, ChatOptions options, bool delimited = true)
    {
        List<ChatMessage> history = [new(ChatRole.User, goal)];
        for (var step = 0; step < 10; step++)
        {
            var response = await client.GetResponseAsync(history, options);
            history.AddRange(response.Messages);
            var calls = Calls(response);
            if (calls.Count == 0)
            {
                return (history, response);
            }

            var results = new List<AIContent>();
            foreach (var call in calls)
            {
                var function = options.Tools!.OfType<AIFunction>().Single(f => f.Name == call.Name);
                var result = await function.InvokeAsync(new AIFunctionArguments(call.Arguments));
                var text = result is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } s ? s.GetString()! : result?.ToString() ?? "";
                results.Add(new FunctionResultContent(call.CallId, delimited ? ToolResultFormatter.Format(call.Name, "ok", text, 8000) : result));
            }

            history.Add(new ChatMessage(ChatRole.Tool, results));
        }

        throw new InvalidOperationException("The offline model did not answer within 10 steps.");
    }

    public static List<FunctionCallContent> Calls(ChatResponse response) =>
        response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
}
