using DurableAgents.Agents;
using DurableAgents.Patterns;
using DurableAgents.Runs;
using Microsoft.DurableTask;

namespace DurableAgents.Functions.Orchestration;

/// <summary>
/// The patterns' orchestrators (supervisor team, content pipeline, plan-and-execute, message pair and its mailboxes) as Durable
/// Functions orchestrator functions, each built with the catalog as <c>PatternRegistration</c> does in the self-hosted worker.
/// </summary>
public sealed class PatternFunctions(IAgentCatalog catalog)
{
    /// <summary>A supervisor team's run.</summary>
    [Function(PatternNames.Supervisor)]
    public Task<AgentRunResult> SupervisorAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new SupervisorOrchestrator(catalog).RunAsync(Check(context), context.GetInput<AgentRunInput>()!);

    /// <summary>A content pipeline's run.</summary>
    [Function(PatternNames.ContentPipeline)]
    public Task<AgentRunResult> ContentPipelineAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new ContentPipelineOrchestrator(catalog).RunAsync(Check(context), context.GetInput<AgentRunInput>()!);

    /// <summary>A plan-and-execute run.</summary>
    [Function(PatternNames.PlanExecute)]
    public Task<AgentRunResult> PlanExecuteAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new PlanExecuteOrchestrator(catalog).RunAsync(Check(context), context.GetInput<AgentRunInput>()!);

    /// <summary>A message pair's run.</summary>
    [Function(PatternNames.MessagePair)]
    public Task<AgentRunResult> MessagePairAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MessagePairOrchestrator(catalog).RunAsync(Check(context), context.GetInput<AgentRunInput>()!);

    /// <summary>One mailbox of a message pair.</summary>
    [Function(PatternNames.Mailbox)]
    public Task<AgentRunResult> MailboxAsync([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new MailboxOrchestrator(catalog).RunAsync(Check(context), context.GetInput<MailboxInput>()!);

    private static TaskOrchestrationContext Check(TaskOrchestrationContext context) =>
        context ?? throw new ArgumentNullException(nameof(context));
}
