using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>
/// Orchestration dispatcher middleware that stamps each episode's <see cref="OrchestratorStartedEvent"/> with a given clock, so
/// an orchestrator's <c>CurrentUtcDateTime</c> follows it (DTFx stamps it with the machine clock). Used with a test clock.
/// </summary>
internal sealed class OrchestrationClockMiddleware(TimeProvider time)
{
    public Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        // The episode's new events start with the OrchestratorStarted event DTFx added before running the middleware.
        if (context.GetProperty<OrchestrationRuntimeState>()?.NewEvents.OfType<OrchestratorStartedEvent>().LastOrDefault() is { } started)
        {
            started.Timestamp = time.GetUtcNow().UtcDateTime;
        }

        return next();
    }
}
