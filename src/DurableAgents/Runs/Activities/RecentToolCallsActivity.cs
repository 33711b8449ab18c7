using Microsoft.DurableTask;
using DurableAgents.Runs.Conversation;
using DurableAgents.Runs.Loop;

namespace DurableAgents.Runs.Activities;

/// <summary>The latest tool calls of a run, read from its conversation, with short results: what an approver is shown.</summary>
public sealed class RecentToolCallsActivity(ConversationLog log) : TaskActivity<RecentToolCallsInput, IReadOnlyList<ToolCallRecord>>
{
    /// <summary>The activity name (a valid Azure Functions name too: the Functions app serves the activity as a function of this name).</summary>
    public const string Name = "AgentRun_RecentToolCalls";

    /// <inheritdoc />
    public override async Task<IReadOnlyList<ToolCallRecord>> RunAsync(TaskActivityContext context, RecentToolCallsInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var messages = await log.GetMessagesAsync(input.Head, CancellationToken.None);
        return ToolCallRecords.From(messages)
            .TakeLast(RunState.RecentToolCallsKept)
            .Select(r => r with { Arguments = "", Result = ToolResultFormatter.Preview(r.Result, RunState.RecentResultChars) })
            .ToList();
    }
}
