using DurableAgents.Memory;
using Microsoft.DurableTask;

namespace DurableAgents.Runs.Loop;

/// <summary>Episodic memory: lessons of similar past runs recalled first, the run recorded as an episode last; both are activities.</summary>
public sealed partial class AgentRunOrchestrator
{
    /// <summary>The lessons for this run's goal; none when the memory cannot be read (a run does not fail for want of hints).</summary>
    private static async Task<RecallLessonsOutput?> RecallLessonsAsync(TaskOrchestrationContext context, RunState state)
    {
        context.SetCustomStatus(state.Status("recalling-lessons"));
        try
        {
            var lessons = await context.CallActivityAsync<RecallLessonsOutput>(
                RecallLessonsActivity.Name, new RecallLessonsInput(state.Definition.Name, state.Input.Goal) { TraceParent = state.Input.TraceParent });
            return lessons.ContentId is null ? null : lessons;
        }
        catch (TaskFailedException)
        {
            return null;
        }
    }

    /// <summary>Records the finished run; its outcome stands whether or not the episode could be stored.</summary>
    private static async Task<string?> RecordEpisodeAsync(TaskOrchestrationContext context, RunState state, AgentRunResult result)
    {
        var input = new RecordEpisodeInput(state.Definition.Name, state.Input.Goal, result.Outcome, result.Reason, result.Steps, result.Conversation)
        {
            Decisions = state.Progress.Decisions.Where(d => !d.Approved).ToList(),
            TraceParent = state.Input.TraceParent,
            ConversationStart = state.Input.Conversation,
        };
        try
        {
            return await context.CallActivityAsync<string>(RecordEpisodeActivity.Name, input);
        }
        catch (TaskFailedException)
        {
            return null;
        }
    }
}
