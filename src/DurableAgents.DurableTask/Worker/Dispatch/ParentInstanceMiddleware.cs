using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>Orchestration dispatcher middleware that gives a sub-orchestration's shim its parent before it runs.</summary>
/// <remarks>Without it the SDK's <c>TaskOrchestrationContext.Parent</c> is always null on DTFx.</remarks>
internal static class ParentInstanceMiddleware
{
    public static Task InvokeAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        if (context.GetProperty<TaskOrchestration>() is SdkOrchestration orchestration)
        {
            var parent = context.GetProperty<OrchestrationRuntimeState>()?.ParentInstance;
            orchestration.Bind(parent?.OrchestrationInstance is { } instance
                ? new ParentOrchestrationInstance(new TaskName(parent.Name), instance.InstanceId)
                : null);
        }

        return next();
    }
}
