using DurableAgents.Agents;
using DurableAgents.Durability;
using DurableAgents.Models;
using DurableAgents.Runs;
using DurableAgents.Runs.Activities;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Loop;
using DurableAgents.Telemetry;
using Microsoft.DurableTask;
using Microsoft.Extensions.AI;

namespace DurableAgents.Memory;

/// <summary>
/// Records a finished run as an episode: its tool calls read from the conversation, the lesson written by the agent's model (the
/// offline model gets a deterministic one), human rejections added word for word; embedded by goal and stored in the agent's memory.
/// With <see cref="RecordEpisodeInput.ReviewCorrections"/> it records a human review of the agent's work instead (no model call).
/// </summary>
/// <remarks>Runs at least once: the episode's id derives from the run id, so a second delivery replaces the first.</remarks>
public sealed class RecordEpisodeActivity(IAgentCatalog catalog, ConversationLog log, AgentMemory memory, IServiceProvider services, AgentTelemetry? telemetry = null)
    : TaskActivity<RecordEpisodeInput, string>
{
    private readonly AgentTelemetry _telemetry = telemetry ?? AgentTelemetry.Shared;

    /// <summary>The activity name (a valid Azure Functions name too).</summary>
    public const string Name = "AgentRun_RecordEpisode";

    /// <inheritdoc />
    public override async Task<string> RunAsync(TaskActivityContext context, RecordEpisodeInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var definition = AgentToolbox.Find(catalog, input.Agent);
        using var span = RunSpans.StartActivity(Name, input.TraceParent, context.InstanceId, definition.Name, input.Steps);
        var token = CancellationToken.None; // the SDK gives activities no token
        if (input.ReviewCorrections is { Count: > 0 })
        {
            return MemoryKeys.Split((await memory.RecordReviewAsync(context.InstanceId, input, token)).Key).Id;
        }

        var calls = ToolCallRecords.From(await log.GetArchiveAsync(input.Conversation, input.ConversationStart, token));
        var facts = Facts(input, calls);
        var (lesson, source) = await WriteLessonAsync(context, definition, facts, token);
        var record = await memory.RecordEpisodeAsync(context.InstanceId, facts, EpisodeLessons.WithCorrections(lesson, facts.Corrections),
            facts.Corrections.Count > 0 ? source + "+human" : source, token);
        return MemoryKeys.Split(record.Key).Id;
    }

    /// <summary>Tools used, failures and human corrections, from the run's tool calls and its approval decisions.</summary>
    internal static EpisodeFacts Facts(RecordEpisodeInput input, IReadOnlyList<ToolCallRecord> calls)
    {
        var tools = calls.Select(c => c.Tool).Distinct(StringComparer.Ordinal).ToList();
        var failures = calls.Where(c => c.Status != "ok").Select(c => $"{c.Tool} ({c.Status}): {ToolResultFormatter.Preview(c.Result, 200)}").ToList();
        var corrections = new List<HumanCorrection>();
        foreach (var decision in input.Decisions ?? [])
        {
            var rejected = calls.Where(c => c.Status == "rejected" && decision.CallIds.Contains(c.CallId)).Select(c => c.Tool).Distinct(StringComparer.Ordinal).ToList();
            if (!decision.Approved && rejected.Count > 0)
            {
                corrections.Add(new HumanCorrection(decision.Approver, rejected, decision.Comment));
            }
        }

        return new EpisodeFacts(input, tools, failures, corrections);
    }

    private async Task<(string Lesson, string Source)> WriteLessonAsync(TaskActivityContext context, AgentDefinition definition, EpisodeFacts facts, CancellationToken token)
    {
        var model = AgentToolbox.ResolveModel(definition, services);
        if (model.GetService<OfflineChatClient>() is not null)
        {
            return (EpisodeLessons.Deterministic(facts), "offline");
        }

        var prompt = new List<ChatMessage> { new(ChatRole.System, EpisodeLessons.Prompt), new(ChatRole.User, EpisodeLessons.Describe(facts)) };
        using (AgentCallContext.Enter(new AgentCallContext(context.InstanceId, definition.Name, "lesson", IdempotencyKeys.ForLesson(context.InstanceId), facts.Input.Steps)))
        {
            try
            {
                var response = await _telemetry.Instrument(model).GetResponseAsync(prompt, new ChatOptions { ModelId = definition.ModelId }, token);
                if (!string.IsNullOrWhiteSpace(response.Text))
                {
                    return (response.Text, "model");
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A lesson is worth less than the episode: without the model, the runtime's account is stored instead.
            }
        }

        return (EpisodeLessons.Deterministic(facts).Replace("[offline lesson writer, not a language model] ", "[runtime account: the model wrote no lesson] ", StringComparison.Ordinal), "runtime");
    }
}
