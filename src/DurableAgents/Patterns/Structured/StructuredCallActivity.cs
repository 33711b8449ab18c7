using DurableAgents.Agents;
using DurableAgents.Runs;
using DurableAgents.Runs.Activities;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Pricing;
using DurableAgents.Tools.Mcp;
using Microsoft.DurableTask;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Patterns;

/// <summary>
/// One structured-output model call: the agent's instructions and the schema as the system message, the pattern's conversation,
/// the prompt; the JSON-schema response format; the reply stored. Validation is the orchestrator's, so a retry is on the record.
/// </summary>
public sealed class StructuredCallActivity(IAgentCatalog catalog, ConversationLog log, ModelPriceTable prices, IServiceProvider services)
    : TaskActivity<StructuredCallInput, StructuredCallOutput>
{
    /// <inheritdoc />
    public override async Task<StructuredCallOutput> RunAsync(TaskActivityContext context, StructuredCallInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var definition = AgentToolbox.Find(catalog, input.Agent);
        var model = AgentToolbox.ResolveModel(definition, services);
        var token = CancellationToken.None; // the SDK gives activities no token; the model client has its own network timeout
        var prompt = new ChatMessage(ChatRole.User, input.Prompt);
        var messages = new List<ChatMessage> { System(definition, input) };
        messages.AddRange(await log.GetMessagesAsync(input.Head, token));
        messages.Add(prompt);
        var options = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(input.Schema, input.SchemaName),
            ModelId = definition.ModelId,
        };
        if (input.OfferTools)
        {
            options.Tools = await AgentToolbox.DeclarationsAsync(definition, catalog, services.GetService<McpConnectionPool>(), token);
            options.ToolMode = ChatToolMode.None;
        }

        ChatResponse response;
        using (AgentCallContext.Enter(new AgentCallContext(context.InstanceId, definition.Name, "structured", $"{context.InstanceId}/{input.Key}", 0)))
        {
            try
            {
                response = await model.GetResponseAsync(messages, options, token);
            }
            catch (Exception ex)
            {
                throw TransientModelFailureException.Classify(ex);
            }
        }

        var reply = new ChatMessage(ChatRole.Assistant, response.Text);
        var head = await log.AppendAsync(input.Head, [ConversationEntry.Inline(prompt), ConversationEntry.Inline(reply)], token);
        var modelId = definition.ModelId ?? response.ModelId ?? model.GetService<ChatClientMetadata>()?.DefaultModelId;
        var inputTokens = response.Usage?.InputTokenCount ?? ChatMessages.EstimateTokens(messages);
        var outputTokens = response.Usage?.OutputTokenCount ?? ChatMessages.EstimateTokens([reply]);
        return new StructuredCallOutput(head, response.Text, new RunUsage(inputTokens, outputTokens, prices.CostOf(modelId, inputTokens, outputTokens)));
    }

    private static ChatMessage System(AgentDefinition definition, StructuredCallInput input) => new(ChatRole.System,
        $"{definition.Instructions}\n\nAnswer with one JSON object that fits the schema '{input.SchemaName}' below: no prose, no code fences.\n"
        + input.Schema.GetRawText());
}
