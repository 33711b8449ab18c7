using System.Text.Json;
using Microsoft.Extensions.AI;
using OaiChat = OpenAI.Chat;

namespace DurableAgents.Models;

/// <summary>Maps Microsoft.Extensions.AI messages and options to the OpenAI package's chat types.</summary>
internal static class OpenAIRequestMapper
{
    private const string EmptyObjectSchema = """{"type":"object","properties":{}}""";

    public static List<OaiChat.ChatMessage> ToOpenAIMessages(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var result = new List<OaiChat.ChatMessage>();
        if (!string.IsNullOrWhiteSpace(options?.Instructions))
        {
            result.Add(new OaiChat.SystemChatMessage(options.Instructions));
        }

        foreach (var message in messages)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(messages));
            if (message.Role == ChatRole.System)
            {
                result.Add(new OaiChat.SystemChatMessage(TextOf(message)));
            }
            else if (message.Role == ChatRole.User)
            {
                result.Add(new OaiChat.UserChatMessage(UserParts(message)));
            }
            else if (message.Role == ChatRole.Assistant)
            {
                result.Add(ToAssistantMessage(message));
            }
            else if (message.Role == ChatRole.Tool)
            {
                AddToolResults(message, result);
            }
            else
            {
                throw new ArgumentException(
                    $"Chat role '{message.Role}' is not supported by the OpenAI chat completions API; use system, user, assistant or tool.",
                    nameof(messages));
            }
        }

        return result;
    }

    public static OaiChat.ChatCompletionOptions ToOpenAIOptions(ChatOptions? options)
    {
        var result = new OaiChat.ChatCompletionOptions();
        if (options is null)
        {
            return result;
        }

        result.Temperature = options.Temperature;
        result.TopP = options.TopP;
        result.MaxOutputTokenCount = options.MaxOutputTokens;
        result.FrequencyPenalty = options.FrequencyPenalty;
        result.PresencePenalty = options.PresencePenalty;
        if (options.StopSequences is { Count: > 0 } stops)
        {
            foreach (var stop in stops)
            {
                result.StopSequences.Add(stop);
            }
        }

        foreach (var tool in options.Tools ?? [])
        {
            result.Tools.Add(ToChatTool(tool));
        }

        // OpenAI rejects tool_choice and parallel_tool_calls in a request without tools.
        if (result.Tools.Count > 0)
        {
            result.ToolChoice = ToToolChoice(options.ToolMode);
            result.AllowParallelToolCalls = options.AllowMultipleToolCalls;
        }

        result.ResponseFormat = ToResponseFormat(options.ResponseFormat);
        return result;
    }

    private static OaiChat.ChatTool ToChatTool(AITool tool)
    {
        if (tool is not AIFunctionDeclaration function)
        {
            throw new NotSupportedException(
                $"Tool '{tool.Name}' is a {tool.GetType().Name}; OpenAIChatClient only sends function tools (AIFunctionDeclaration, e.g. from AIFunctionFactory.Create).");
        }

        var schema = function.JsonSchema.ValueKind == JsonValueKind.Object
            ? function.JsonSchema.GetRawText()
            : EmptyObjectSchema;
        return OaiChat.ChatTool.CreateFunctionTool(
            function.Name,
            string.IsNullOrEmpty(function.Description) ? null : function.Description,
            BinaryData.FromString(schema));
    }

    private static OaiChat.ChatToolChoice? ToToolChoice(ChatToolMode? mode) => mode switch
    {
        null => null,
        NoneChatToolMode => OaiChat.ChatToolChoice.CreateNoneChoice(),
        AutoChatToolMode => OaiChat.ChatToolChoice.CreateAutoChoice(),
        RequiredChatToolMode { RequiredFunctionName: { } name } => OaiChat.ChatToolChoice.CreateFunctionChoice(name),
        RequiredChatToolMode => OaiChat.ChatToolChoice.CreateRequiredChoice(),
        _ => null,
    };

    private static OaiChat.ChatResponseFormat? ToResponseFormat(ChatResponseFormat? format) => format switch
    {
        null => null,
        ChatResponseFormatText => OaiChat.ChatResponseFormat.CreateTextFormat(),
        ChatResponseFormatJson { Schema: { } schema } json => OaiChat.ChatResponseFormat.CreateJsonSchemaFormat(
            json.SchemaName ?? "response", BinaryData.FromString(schema.GetRawText()), json.SchemaDescription),
        ChatResponseFormatJson => OaiChat.ChatResponseFormat.CreateJsonObjectFormat(),
        _ => null,
    };

    private static string TextOf(ChatMessage message) =>
        string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));

    private static List<OaiChat.ChatMessageContentPart> UserParts(ChatMessage message)
    {
        var parts = new List<OaiChat.ChatMessageContentPart>();
        foreach (var content in message.Contents)
        {
            switch (content)
            {
                case TextContent text:
                    parts.Add(OaiChat.ChatMessageContentPart.CreateTextPart(text.Text));
                    break;
                case UriContent uri when uri.HasTopLevelMediaType("image"):
                    parts.Add(OaiChat.ChatMessageContentPart.CreateImagePart(uri.Uri));
                    break;
                case DataContent data when data.HasTopLevelMediaType("image"):
                    parts.Add(OaiChat.ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes(data.Data), data.MediaType));
                    break;
                default:
                    // Other content (usage, reasoning from another provider...) has no chat completions form: skipped.
                    break;
            }
        }

        if (parts.Count == 0)
        {
            parts.Add(OaiChat.ChatMessageContentPart.CreateTextPart(string.Empty));
        }

        return parts;
    }

    private static OaiChat.AssistantChatMessage ToAssistantMessage(ChatMessage message)
    {
        var calls = message.Contents.OfType<FunctionCallContent>()
            .Select(call => OaiChat.ChatToolCall.CreateFunctionToolCall(
                call.CallId, call.Name, BinaryData.FromString(ToolCallArguments.ToJson(call))))
            .ToList();
        var text = TextOf(message);
        if (calls.Count == 0)
        {
            return new OaiChat.AssistantChatMessage(text);
        }

        var assistant = new OaiChat.AssistantChatMessage(calls);
        if (text.Length > 0)
        {
            assistant.Content.Add(OaiChat.ChatMessageContentPart.CreateTextPart(text));
        }

        return assistant;
    }

    private static void AddToolResults(ChatMessage message, List<OaiChat.ChatMessage> result)
    {
        var any = false;
        foreach (var toolResult in message.Contents.OfType<FunctionResultContent>())
        {
            result.Add(new OaiChat.ToolChatMessage(toolResult.CallId, ToolResultText.Of(toolResult)));
            any = true;
        }

        if (!any)
        {
            throw new ArgumentException(
                "A tool message must contain at least one FunctionResultContent (the result for a call id).", "messages");
        }
    }
}
