using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.Exceptions;
using DurableTask.Core.Middleware;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>
/// Orchestration dispatcher middleware that words DTFx's non-determinism failures in the SDK's terms.
/// </summary>
/// <remarks>
/// DTFx already names what history recorded and what the replayed code asked for, but when the kinds differ it names the
/// code's side by an internal type ("produced a CreateTimerOrchestratorAction action"); SDK users wrote <c>CreateTimer</c>.
/// </remarks>
internal static class NonDeterminismMessageMiddleware
{
    private static readonly (string Internal, string Sdk)[] ActionNames =
    [
        (nameof(ScheduleTaskOrchestratorAction), "an activity call (CallActivityAsync)"),
        (nameof(CreateTimerOrchestratorAction), "a timer (CreateTimer)"),
        (nameof(CreateSubOrchestrationAction), "a sub-orchestration (CallSubOrchestratorAsync)"),
        (nameof(SendEventOrchestratorAction), "an event to another instance (SendEvent)"),
        (nameof(OrchestrationCompleteOrchestratorAction), "the end of the orchestration"),
    ];

    public static async Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        await next();
        var result = context.GetProperty<OrchestratorExecutionResult>();
        foreach (var complete in result?.Actions.OfType<OrchestrationCompleteOrchestratorAction>() ?? [])
        {
            if (complete.FailureDetails is { ErrorType: var type } failure && type == typeof(NonDeterministicOrchestrationException).FullName)
            {
                complete.FailureDetails = new FailureDetails(
                    failure.ErrorType, Reword(failure.ErrorMessage), failure.StackTrace, failure.InnerFailure, failure.IsNonRetriable);
            }
        }
    }

    internal static string Reword(string message)
    {
        foreach (var (internalName, sdkName) in ActionNames)
        {
            message = message.Replace($"a {internalName} action", sdkName, StringComparison.Ordinal)
                .Replace($"a {internalName} task", sdkName, StringComparison.Ordinal);
        }

        return message;
    }
}
