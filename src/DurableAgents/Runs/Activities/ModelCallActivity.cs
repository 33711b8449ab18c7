using DurableAgents.Durability;
using DurableAgents.Agents;
using DurableAgents.Models;
using Microsoft.DurableTask;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Pricing;
using DurableAgents.Telemetry;
using DurableAgents.Tools.Mcp;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Runs.Activities;

/// <summary>
/// One model call: appends the step's new messages to the stored conversation, calls the agent's model with the tools as
/// declarations, stores the reply, and returns the reply's tool calls, text and usage (not the conversation).
/// </summary>
public sealed class ModelCallActivity(IAgentCatalog catalog, ConversationLog log, ModelPriceTable prices, IServiceProvider services, AgentTelemetry? telemetry = null)
    : TaskActivity<ModelCallInput, ModelCallOutput>
{
    private readonly AgentTelemetry _telemetry = telemetry ?? AgentTelemetry.Shared;

    /// <summary>The activity name (a valid Azure Functions name too: the Functions app serves the activity as a function of this name).</summary>
    public const string Name = "AgentRun_CallModel";

    /// <inheritdoc />
    public override async Task<ModelCallOutput> RunAsync(TaskActivityContext context, ModelCallInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var definition = AgentToolbox.Find(catalog, input.Agent);
        using var span = RunSpans.StartActivity(Name, input.TraceParent, context.InstanceId, definition.Name, input.Step);
        var model = _telemetry.Instrument(AgentToolbox.ResolveModel(definition, services));
        var token = CancellationToken.None; // the SDK gives activities no token; the model client has its own network timeout

        var history = await log.GetMessagesAsync(input.Head, token);
        var added = await ChatMessages.EntriesAsync(log, input.NewMessages, token);
        var lessons = input.Lessons is null ? null : await log.Store.GetAsync(input.Lessons, token);
        var messages = new List<ChatMessage>(history.Count + added.Count + 1) { SystemMessage(definition, lessons) };
        messages.AddRange(history);
        messages.AddRange(added.Select(e => e.Message));

        var options = new ChatOptions
        {
            Tools = await AgentToolbox.DeclarationsAsync(definition, catalog, services.GetService<McpConnectionPool>(), token),
            AllowMultipleToolCalls = true,
            ModelId = definition.ModelId,
        };
        if (options.Tools.Count == 0)
        {
            options.Tools = null;
        }

        ChatResponse response;
        using (AgentCallContext.Enter(new AgentCallContext(context.InstanceId, definition.Name, "model", IdempotencyKeys.ForModel(context.InstanceId, input.Step), input.Step)))
        {
            try
            {
                response = await model.GetResponseAsync(messages, options, token);
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                span.Fail(ex);
                throw TransientModelFailureException.Classify(ex);
            }
        }

        var reply = Reply(response, input.Step);
        // One segment per step: the previous step's audit record, the new messages and the reply inline (content-addressed, so a
        // re-delivery writes nothing new).
        added.Add(ConversationEntry.Inline(reply));
        var newHead = await log.AppendAsync(input.Head, added, input.Audit, token);

        var modelId = definition.ModelId ?? response.ModelId ?? model.GetService<ChatClientMetadata>()?.DefaultModelId;
        var inputTokens = response.Usage?.InputTokenCount ?? ChatMessages.EstimateTokens(messages);
        var outputTokens = response.Usage?.OutputTokenCount ?? ChatMessages.EstimateTokens([reply]);
        var usage = new RunUsage(inputTokens, outputTokens, prices.CostOf(modelId, inputTokens, outputTokens));
        _telemetry.ModelUsed(definition.Name, modelId, usage);
        var conversationTokens = Math.Max(ChatMessages.EstimateTokens(messages) + ChatMessages.EstimateTokens([reply]), inputTokens + outputTokens);

        return new ModelCallOutput(
            newHead,
            string.IsNullOrEmpty(reply.Text) ? null : reply.Text,
            reply.Contents.OfType<FunctionCallContent>().Select(ToToolCall).ToList(),
            response.FinishReason?.Value,
            usage,
            modelId,
            conversationTokens);
    }

    /// <summary>
    /// The system message: the agent's instructions, the runtime's rules and the run's lessons from past runs (marked as data);
    /// rebuilt every call, so never compacted.
    /// </summary>
    internal static ChatMessage SystemMessage(AgentDefinition definition, string? lessons = null) =>
        new(ChatRole.System, lessons is null
            ? $"{definition.Instructions}\n\n{AgentRunPrompts.UntrustedToolData}"
            : $"{definition.Instructions}\n\n{AgentRunPrompts.UntrustedToolData}\n\n{lessons}");

    private static ChatMessage Reply(ChatResponse response, int step)
    {
        // One assistant message per step; calls without an id get a stable one so results can be matched, and malformed
        // arguments are kept in the form the run's validation reports back to the model.
        var contents = new List<AIContent>();
        var index = 0;
        foreach (var content in response.Messages.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents))
        {
            switch (content)
            {
                case FunctionCallContent call:
                    index++;
                    contents.Add(ToolCallArguments.Normalize(string.IsNullOrEmpty(call.CallId) ? WithId(call, $"call_s{step}_{index}") : call));
                    break;
                case TextContent text when !string.IsNullOrEmpty(text.Text):
                    contents.Add(new TextContent(text.Text));
                    break;
            }
        }

        return new ChatMessage(ChatRole.Assistant, contents);
    }

    private static FunctionCallContent WithId(FunctionCallContent call, string id) =>
        new(id, call.Name, call.Arguments)
        {
            AdditionalProperties = call.AdditionalProperties,
            Exception = call.Exception,
            RawRepresentation = call.RawRepresentation,
        };

    private static ModelToolCall ToToolCall(FunctionCallContent call) =>
        ToolCallArguments.TryGetMalformed(call, out var raw, out var error)
            ? new ModelToolCall(call.CallId, call.Name, raw, string.IsNullOrEmpty(error) ? "The arguments are not a valid JSON object." : error)
            : new ModelToolCall(call.CallId, call.Name, MessageCodec.OneLine(ToolCallArguments.ToJson(call)));
}
