using DurableAgents.Durability;
using System.Text;
using DurableAgents.Agents;
using Microsoft.DurableTask;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Pricing;
using DurableAgents.Telemetry;
using Microsoft.Extensions.AI;

namespace DurableAgents.Runs.Activities;

/// <summary>
/// Compacts a conversation past its context budget: the first message (the goal) and the newest turns stay verbatim, the turns
/// between are replaced by a summary written by the agent's model; the instructions are rebuilt on every call, so they stay too.
/// </summary>
public sealed class CompactActivity(IAgentCatalog catalog, ConversationLog log, ModelPriceTable prices, IServiceProvider services, AgentTelemetry? telemetry = null)
    : TaskActivity<CompactInput, CompactOutput>
{
    private readonly AgentTelemetry _telemetry = telemetry ?? AgentTelemetry.Shared;

    /// <summary>The activity name (a valid Azure Functions name too: the Functions app serves the activity as a function of this name).</summary>
    public const string Name = "AgentRun_Compact";

    /// <inheritdoc />
    public override async Task<CompactOutput> RunAsync(TaskActivityContext context, CompactInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var definition = AgentToolbox.Find(catalog, input.Agent);
        using var span = RunSpans.StartActivity(Name, input.TraceParent, context.InstanceId, definition.Name, 0);
        var token = CancellationToken.None; // the SDK gives activities no token; the model client has its own network timeout
        var head = await ChatMessages.AppendAsync(log, input.Head, input.NewMessages, token);
        var entries = await log.GetEntriesAsync(head, token);
        var messages = entries.Select(e => e.Message).ToList();

        var keepFrom = RecentStart(messages, input.KeepRecentMessages);
        if (keepFrom <= 1)
        {
            return new CompactOutput(head!, RunUsage.Zero, ChatMessages.EstimateTokens(messages), 0);
        }

        var middle = messages.Skip(1).Take(keepFrom - 1).ToList();
        var model = _telemetry.Instrument(AgentToolbox.ResolveModel(definition, services));
        var prompt = new List<ChatMessage>
        {
            new(ChatRole.System, AgentRunPrompts.Summarize),
            new(ChatRole.User, Transcript(middle)),
        };

        ChatResponse response;
        using (AgentCallContext.Enter(new AgentCallContext(context.InstanceId, definition.Name, "compact", IdempotencyKeys.ForCompaction(context.InstanceId, input.Head), 0)))
        {
            try
            {
                response = await model.GetResponseAsync(prompt, new ChatOptions { ModelId = definition.ModelId }, token);
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

        var summary = new ChatMessage(ChatRole.User, AgentRunPrompts.CompactedSummary(middle.Count, response.Text));
        // The compaction keeps the turns it replaces reachable (not read for the model) so the run's tool-call record stays whole.
        var kept = new List<ConversationEntry> { entries[0], ConversationEntry.Inline(summary) };
        kept.AddRange(entries.Skip(keepFrom));
        var newHead = await log.CompactAsync(head, kept, token);

        var modelId = definition.ModelId ?? response.ModelId ?? model.GetService<ChatClientMetadata>()?.DefaultModelId;
        var inputTokens = response.Usage?.InputTokenCount ?? ChatMessages.EstimateTokens(prompt);
        var outputTokens = response.Usage?.OutputTokenCount ?? (response.Text.Length / 4);
        var usage = new RunUsage(inputTokens, outputTokens, prices.CostOf(modelId, inputTokens, outputTokens));
        _telemetry.ModelUsed(definition.Name, modelId, usage);
        var after = ChatMessages.EstimateTokens([messages[0], summary, .. messages.Skip(keepFrom)]);
        return new CompactOutput(newHead, usage, after, middle.Count);
    }

    /// <summary>Where the verbatim tail starts: never between an assistant's tool calls and their results.</summary>
    internal static int RecentStart(IReadOnlyList<ChatMessage> messages, int keepRecent)
    {
        var start = Math.Max(1, messages.Count - Math.Max(1, keepRecent));
        while (start > 1 && messages[start].Role == ChatRole.Tool)
        {
            start--;
        }

        return start;
    }

    private static string Transcript(IEnumerable<ChatMessage> messages)
    {
        var builder = new StringBuilder();
        foreach (var message in messages)
        {
            builder.Append('[').Append(message.Role.Value).Append("] ");
            foreach (var content in message.Contents)
            {
                _ = content switch
                {
                    TextContent t => builder.Append(t.Text),
                    FunctionCallContent c => builder.Append($"call {c.Name}({Models.ToolCallArguments.ToJson(c)}) "),
                    FunctionResultContent r => builder.Append(r.Result?.ToString()),
                    _ => builder,
                };
            }

            builder.AppendLine();
        }

        return builder.ToString();
    }
}
