using DurableTask.Core;

namespace DurableAgents.DurableTask.Worker.Dispatch;

/// <summary>Stands in for an orchestrator name nobody registered: the instance fails at once with a clear message.</summary>
/// <remarks>
/// Returning null from the object manager makes DTFx throw TypeMissingException and retry the work item forever with a
/// 10 s back-off, which holds a dispatcher slot and stalls other instances.
/// </remarks>
internal sealed class UnknownOrchestration(TaskNotRegisteredException error) : TaskOrchestration
{
    public override Task<string> Execute(OrchestrationContext context, string input) => Task.FromException<string>(error);

    public override string? GetStatus() => null;

    public override void RaiseEvent(OrchestrationContext context, string name, string input)
    {
        // The instance fails in its first episode; events that arrive for it have nothing to wake.
    }
}
