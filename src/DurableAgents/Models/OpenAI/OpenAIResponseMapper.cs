using Microsoft.Extensions.AI;
using OaiChat = OpenAI.Chat;

namespace DurableAgents.Models;

/// <summary>Maps an OpenAI chat completion to a Microsoft.Extensions.AI <see cref="ChatResponse"/>.</summary>
internal static class OpenAIResponseMapper
{
    public static ChatResponse ToChatResponse(OaiChat.ChatCompletion completion)
    {
        var contents = new List<AIContent>();
        foreach (var part in completion.Content)
        {
            if (part.Kind == OaiChat.ChatMessageContentPartKind.Text && !string.IsNullOrEmpty(part.Text))
            {
                contents.Add(new TextContent(part.Text) { RawRepresentation = part });
            }
        }

        if (!string.IsNullOrEmpty(completion.Refusal))
        {
            // A refusal is the model's answer, so it is kept as text; the flag lets a caller tell it apart.
            contents.Add(new TextContent(completion.Refusal)
            {
                AdditionalProperties = new AdditionalPropertiesDictionary { ["refusal"] = true },
            });
        }

        for (var i = 0; i < completion.ToolCalls.Count; i++)
        {
            var toolCall = completion.ToolCalls[i];
            if (toolCall.Kind != OaiChat.ChatToolCallKind.Function)
            {
                continue;
            }

            // Some compatible servers omit call ids; the position keeps them unique within the response.
            var callId = string.IsNullOrEmpty(toolCall.Id) ? $"call_{completion.Id}_{i}" : toolCall.Id;
            var call = ToolCallArguments.CreateCall(callId, toolCall.FunctionName, toolCall.FunctionArguments?.ToString());
            call.RawRepresentation = toolCall;
            contents.Add(call);
        }

        var message = new ChatMessage(ChatRole.Assistant, contents)
        {
            MessageId = completion.Id,
            CreatedAt = completion.CreatedAt,
            RawRepresentation = completion,
        };

        return new ChatResponse(message)
        {
            ResponseId = completion.Id,
            ModelId = completion.Model,
            CreatedAt = completion.CreatedAt,
            FinishReason = ToFinishReason(completion.FinishReason),
            Usage = ToUsage(completion.Usage),
            RawRepresentation = completion,
        };
    }

    private static ChatFinishReason? ToFinishReason(OaiChat.ChatFinishReason reason) => reason switch
    {
        OaiChat.ChatFinishReason.Stop => ChatFinishReason.Stop,
        OaiChat.ChatFinishReason.Length => ChatFinishReason.Length,
        OaiChat.ChatFinishReason.ToolCalls => ChatFinishReason.ToolCalls,
        OaiChat.ChatFinishReason.FunctionCall => ChatFinishReason.ToolCalls,
        OaiChat.ChatFinishReason.ContentFilter => ChatFinishReason.ContentFilter,
        _ => null,
    };

    private static UsageDetails? ToUsage(OaiChat.ChatTokenUsage? usage)
    {
        if (usage is null)
        {
            return null;
        }

        var details = new UsageDetails
        {
            InputTokenCount = usage.InputTokenCount,
            OutputTokenCount = usage.OutputTokenCount,
            TotalTokenCount = usage.TotalTokenCount,
        };
        if (usage.InputTokenDetails is { CachedTokenCount: > 0 } input)
        {
            details.CachedInputTokenCount = input.CachedTokenCount;
        }

        if (usage.OutputTokenDetails is { ReasoningTokenCount: > 0 } output)
        {
            details.ReasoningTokenCount = output.ReasoningTokenCount;
        }

        return details;
    }
}
