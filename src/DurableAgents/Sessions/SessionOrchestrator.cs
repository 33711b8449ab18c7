using DurableAgents.Agents;
using DurableAgents.Runs;
using Microsoft.DurableTask;

namespace DurableAgents.Sessions;

/// <summary>
/// A session: takes <see cref="SessionNames.MessageEvent"/> events in arrival order and answers each with one agent run (a
/// sub-orchestration whose id derives from the message id, so a resent message is not a second turn), one turn at a time. Each
/// turn continues the conversation the previous one ended with, by reference. Every <see cref="SessionInput.TurnsPerGeneration"/>
/// turns it continues as new with its small carried state; messages not yet taken are kept for the next generation.
/// </summary>
public sealed class SessionOrchestrator(IAgentCatalog catalog) : TaskOrchestrator<SessionInput, SessionStatus>
{
    /// <inheritdoc />
    public override async Task<SessionStatus> RunAsync(TaskOrchestrationContext context, SessionInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || catalog.Find(input.Agent) is not { } definition)
        {
            // Nothing to talk to (the agent was removed from the configuration): the session ends, its turns stay readable.
            var ended = new SessionStatus { Phase = "closed", Agent = input?.Agent ?? "unknown", TurnCount = input?.Carry?.TurnCount ?? 0, Turns = input?.Carry?.Turns ?? [] };
            context.SetCustomStatus(ended);
            return ended;
        }

        var state = new SessionState(input.Carry ?? new SessionCarry { CreatedAt = context.CurrentUtcDateTime });
        var turnsThisGeneration = 0;
        while (true)
        {
            if (input.TurnsPerGeneration > 0 && turnsThisGeneration >= input.TurnsPerGeneration)
            {
                // Taken only between turns, before waiting again: the messages that arrived meanwhile are still unread and go along.
                context.ContinueAsNew(input with { Carry = state.Carry() }, preserveUnprocessedEvents: true);
                return state.Status(definition.Name, "continued");
            }

            context.SetCustomStatus(state.Status(definition.Name, "idle"));
            var message = await context.WaitForExternalEvent<SessionMessage>(SessionNames.MessageEvent);
            if (!IsTakeable(message) || state.HasTaken(message.MessageId))
            {
                continue; // a malformed event or a resent message: never a turn, never a crash
            }

            var turn = state.Begin(message.MessageId, SessionNames.TurnRunId(input.SessionId, message.MessageId), context.CurrentUtcDateTime);
            context.SetCustomStatus(state.Status(definition.Name, "running"));
            await TakeTurnAsync(context, state, definition, turn, message.Input, input);
            turnsThisGeneration++;
        }
    }

    private static async Task TakeTurnAsync(TaskOrchestrationContext context, SessionState state, AgentDefinition definition, SessionTurn turn, string text, SessionInput session)
    {
        // Start: the current run-loop revision, so a turn keeps its audit record like any other run.
        var run = AgentRunInput.Start(definition.Name, text) with
        {
            Session = session.SessionId,
            User = session.User,
            Conversation = state.Head,
            ConversationTokens = state.ConversationTokens,
            RecallLessons = definition.Policy.Memory.InjectLessons,
        };
        try
        {
            var result = await context.CallSubOrchestratorAsync<AgentRunResult>(
                AgentRunNames.Orchestrator, run, new SubOrchestrationOptions { InstanceId = turn.RunId });
            state.End(turn, result, context.CurrentUtcDateTime);
        }
        catch (TaskFailedException failed)
        {
            // The run's orchestration failed (not an outcome): the conversation stays where it was, the next turn goes on from there.
            state.Fail(turn, failed.FailureDetails.ErrorMessage, context.CurrentUtcDateTime);
        }
    }

    private static bool IsTakeable(SessionMessage? message) =>
        message is { MessageId: { Length: > 0 } id, Input: { Length: > 0 } } && SessionNames.IsValidId(id, "message id", out _);
}
