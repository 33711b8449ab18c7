using Microsoft.DurableTask;
using DurableAgents.Runs.Conversation;

namespace DurableAgents.Runs.Activities;

/// <summary>
/// Appends the messages a finished run's model never saw, and the audit record of its last step when no model call wrote it, so its
/// conversation (and the tool-call record and audit read from it) is whole.
/// </summary>
public sealed class CloseConversationActivity(ConversationLog log) : TaskActivity<CloseConversationInput, string?>
{
    /// <summary>The activity name (a valid Azure Functions name too: the Functions app serves the activity as a function of this name).</summary>
    public const string Name = "AgentRun_CloseConversation";

    /// <inheritdoc />
    public override async Task<string?> RunAsync(TaskActivityContext context, CloseConversationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return input.Audit is null
            ? await ChatMessages.AppendAsync(log, input.Head, input.NewMessages, CancellationToken.None)
            : await log.AppendAsync(input.Head, await ChatMessages.EntriesAsync(log, input.NewMessages, CancellationToken.None), input.Audit, CancellationToken.None);
    }
}
