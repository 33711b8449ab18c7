using DurableAgents.Memory;
using DurableAgents.Runs;
using DurableAgents.Runs.Activities;
using DurableAgents.Runs.Audit;
using Microsoft.DurableTask;

namespace DurableAgents.Functions.Orchestration;

/// <summary>
/// The agent run's activities as Durable Functions activity functions: each builds the activity class in the invocation's DI
/// scope and runs it, exactly as the self-hosted worker does (<c>AgentRunRegistration</c>).
/// </summary>
/// <param name="services">The invocation's services (the Functions worker creates this class per invocation in its scope).</param>
public sealed class AgentRunActivityFunctions(IServiceProvider services)
{
    /// <summary>One model call.</summary>
    [Function(ModelCallActivity.Name)]
    public Task<ModelCallOutput> CallModelAsync([ActivityTrigger] ModelCallInput input, string instanceId) =>
        RunAsync<ModelCallActivity, ModelCallInput, ModelCallOutput>(ModelCallActivity.Name, input, instanceId);

    /// <summary>One tool call.</summary>
    [Function(ToolCallActivity.Name)]
    public Task<ToolCallOutput> CallToolAsync([ActivityTrigger] ToolCallInput input, string instanceId) =>
        RunAsync<ToolCallActivity, ToolCallInput, ToolCallOutput>(ToolCallActivity.Name, input, instanceId);

    /// <summary>Compacts the conversation.</summary>
    [Function(CompactActivity.Name)]
    public Task<CompactOutput> CompactAsync([ActivityTrigger] CompactInput input, string instanceId) =>
        RunAsync<CompactActivity, CompactInput, CompactOutput>(CompactActivity.Name, input, instanceId);

    /// <summary>The recent tool calls an approver is shown.</summary>
    [Function(RecentToolCallsActivity.Name)]
    public Task<IReadOnlyList<ToolCallRecord>> RecentToolCallsAsync([ActivityTrigger] RecentToolCallsInput input, string instanceId) =>
        RunAsync<RecentToolCallsActivity, RecentToolCallsInput, IReadOnlyList<ToolCallRecord>>(RecentToolCallsActivity.Name, input, instanceId);

    /// <summary>Closes a finished run's conversation.</summary>
    [Function(CloseConversationActivity.Name)]
    public Task<string?> CloseConversationAsync([ActivityTrigger] CloseConversationInput input, string instanceId) =>
        RunAsync<CloseConversationActivity, CloseConversationInput, string?>(CloseConversationActivity.Name, input, instanceId);

    /// <summary>Writes one step's audit entries.</summary>
    [Function(AuditActivity.Name)]
    public Task<string> AuditAsync([ActivityTrigger] AuditAppendInput input, string instanceId) =>
        RunAsync<AuditActivity, AuditAppendInput, string>(AuditActivity.Name, input, instanceId);

    /// <summary>Finds the lessons of similar past runs for a new run.</summary>
    [Function(RecallLessonsActivity.Name)]
    public Task<RecallLessonsOutput> RecallLessonsAsync([ActivityTrigger] RecallLessonsInput input, string instanceId) =>
        RunAsync<RecallLessonsActivity, RecallLessonsInput, RecallLessonsOutput>(RecallLessonsActivity.Name, input, instanceId);

    /// <summary>Records a finished run as an episode.</summary>
    [Function(RecordEpisodeActivity.Name)]
    public Task<string> RecordEpisodeAsync([ActivityTrigger] RecordEpisodeInput input, string instanceId) =>
        RunAsync<RecordEpisodeActivity, RecordEpisodeInput, string>(RecordEpisodeActivity.Name, input, instanceId);

    private Task<TOutput> RunAsync<TActivity, TInput, TOutput>(string name, TInput input, string instanceId)
        where TActivity : TaskActivity<TInput, TOutput> =>
        FunctionActivityContext.RunAsync<TActivity, TInput, TOutput>(services, name, input, instanceId);
}
