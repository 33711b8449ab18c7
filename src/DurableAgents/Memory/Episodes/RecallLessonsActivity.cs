using DurableAgents.Agents;
using DurableAgents.Runs.Activities;
using DurableAgents.Runs.Conversation;
using DurableAgents.Telemetry;
using Microsoft.DurableTask;

namespace DurableAgents.Memory;

/// <summary>Finds the lessons of past runs similar to a new run's goal and stores them (content-addressed) for its model calls.</summary>
public sealed class RecallLessonsActivity(IAgentCatalog catalog, ConversationLog log, AgentMemory memory) : TaskActivity<RecallLessonsInput, RecallLessonsOutput>
{
    /// <summary>The activity name (a valid Azure Functions name too).</summary>
    public const string Name = "AgentRun_RecallLessons";

    /// <inheritdoc />
    public override async Task<RecallLessonsOutput> RunAsync(TaskActivityContext context, RecallLessonsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var definition = AgentToolbox.Find(catalog, input.Agent);
        using var span = RunSpans.StartActivity(Name, input.TraceParent, context.InstanceId, definition.Name, 0);
        var (text, ids) = await memory.LessonsAsync(definition.Name, input.Goal, definition.Policy.Memory, CancellationToken.None);
        return text is null ? RecallLessonsOutput.None : new RecallLessonsOutput(await log.Store.PutAsync(text, CancellationToken.None), ids);
    }
}
